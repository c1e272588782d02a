package dev.slipway.rollout.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.slipway.events.names.ImageId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Small FROM-scratch busybox images for tests, tagged {@code slipway-test-rollout-<random>-<name>:1}
 * and removed by {@link #close()}: an httpd serving a page, and one that prints "fatal: boom" and exits 3.
 */
public final class TestImages implements AutoCloseable {
    public static final String PREFIX = "slipway-test-rollout-";
    private final DockerClient docker;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> tags = new ArrayList<>();

    public TestImages(DockerClient docker) {
        this.docker = docker;
    }

    /** An image whose container serves {@code page} at / on port 8080. */
    public ImageId httpd(String name, String page) {
        return build(name, """
                FROM scratch
                COPY busybox /bin/busybox
                COPY www /www
                EXPOSE 8080
                CMD ["/bin/busybox", "httpd", "-f", "-p", "8080", "-h", "/www"]
                """, page);
    }

    /** An httpd image with a HEALTHCHECK that passes (fetches the page) or always fails. */
    public ImageId httpdWithHealthcheck(String name, String page, boolean healthy) {
        String check = healthy ? "\"/bin/busybox\", \"wget\", \"-q\", \"-O\", \"/dev/null\", \"http://127.0.0.1:8080/\""
                : "\"/bin/busybox\", \"sh\", \"-c\", \"echo database unreachable; exit 1\"";
        return build(name, """
                FROM scratch
                COPY busybox /bin/busybox
                COPY www /www
                EXPOSE 8080
                HEALTHCHECK --interval=1s --timeout=1s --retries=1 CMD [%s]
                CMD ["/bin/busybox", "httpd", "-f", "-p", "8080", "-h", "/www"]
                """.formatted(check), page);
    }

    /** An image whose container prints "fatal: boom" and exits with code 3. */
    public ImageId crashing(String name) {
        return build(name, """
                FROM scratch
                COPY busybox /bin/busybox
                COPY www /www
                CMD ["/bin/busybox", "sh", "-c", "echo starting >&2; echo 'fatal: boom' >&2; exit 3"]
                """, "never served");
    }

    private ImageId build(String name, String dockerfile, String page) {
        String tag = PREFIX + run + "-" + name + ":1";
        Path context = null;
        try {
            context = Files.createTempDirectory(PREFIX);
            Files.copy(Paths.get("/bin/busybox"), context.resolve("busybox"));
            Files.createDirectories(context.resolve("www"));
            Files.writeString(context.resolve("www/index.html"), page);
            Files.writeString(context.resolve("Dockerfile"), dockerfile);
            docker.buildImageCmd(context.toFile()).withTags(Set.of(tag)).exec(new BuildImageResultCallback()).awaitImageId();
            tags.add(tag);
            return ImageId.of(docker.inspectImageCmd(tag).exec().getId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(context);
        }
    }

    /** Copies an image built here to another engine (save | load), so it has the same id there. */
    public void copyTo(DockerClient other, ImageId image) {
        String tag = tags.stream().filter(t -> image.value().equals(docker.inspectImageCmd(t).exec().getId())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(image + " was not built by these test images"));
        try (java.io.InputStream archive = docker.saveImageCmd(tag).exec()) {
            other.loadImageCmd(archive).exec();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        copies.add(new Copy(other, tag));
    }

    private record Copy(DockerClient engine, String tag) {}

    private final List<Copy> copies = new ArrayList<>();

    @Override
    public void close() {
        for (Copy copy : copies) {
            try {
                copy.engine().removeImageCmd(copy.tag()).withForce(true).exec();
            } catch (NotFoundException e) {
                // already gone
            }
        }
        for (String tag : tags) {
            try {
                docker.removeImageCmd(tag).withForce(true).exec();
            } catch (NotFoundException e) {
                // already gone
            }
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
