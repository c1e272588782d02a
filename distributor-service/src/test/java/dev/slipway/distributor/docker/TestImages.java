package dev.slipway.distributor.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Builds small test images (FROM scratch with Debian's static busybox) on a real engine, each with a
 * unique label so its id is its own, tagged {@code slipway-test-distributor-<random>:1.0}.
 */
public final class TestImages {
    private TestImages() {}

    public static BuiltImage build(DockerClient engine) {
        String unique = UUID.randomUUID().toString().substring(0, 12);
        ImageRef ref = ImageRef.parse("slipway-test-distributor-" + unique + ":1.0");
        Path context = null;
        try {
            context = Files.createTempDirectory("slipway-test-distributor-");
            Files.copy(Paths.get("/bin/busybox"), context.resolve("busybox"));
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n"
                    + "CMD [\"/bin/busybox\", \"httpd\", \"-f\", \"-p\", \"8080\"]\n");
            engine.buildImageCmd(context.toFile())
                    .withTags(Set.of(ref.value()))
                    .withLabels(Map.of("dev.slipway.test", unique))
                    .exec(new BuildImageResultCallback())
                    .awaitImageId();
            var inspected = engine.inspectImageCmd(ref.value()).exec();
            return new BuiltImage(ref, ImageId.of(inspected.getId()), inspected.getSize(),
                    inspected.getRootFS().getLayers().size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(context);
        }
    }

    /** Removes the image (by id, with every tag) from an engine if it is there. */
    public static void remove(DockerClient engine, BuiltImage image) {
        try {
            engine.removeImageCmd(image.id().value()).withForce(true).exec();
        } catch (NotFoundException gone) {
            // already absent: nothing to clean
        }
    }

    public static boolean holds(DockerClient engine, String nameOrId) {
        try {
            engine.inspectImageCmd(nameOrId).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Removes a build context directory and everything in it. */
    public static void deleteTree(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
