package dev.slipway.verifier.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/** Builds the test image FROM scratch with Debian's static busybox (no image can be pulled here). */
public final class TestImages {
    private TestImages() {}

    /** Builds {@code tag} and returns its full image id. */
    public static String buildBusybox(DockerClient engine, String tag) {
        try {
            Path context = Files.createTempDirectory("slipway-test-verifier-");
            Files.copy(Path.of("/bin/busybox"), context.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n");
            try {
                engine.buildImageCmd(context.toFile()).withTags(Set.of(tag)).exec(new BuildImageResultCallback())
                        .awaitImageId();
            } finally {
                Files.delete(context.resolve("busybox"));
                Files.delete(context.resolve("Dockerfile"));
                Files.delete(context);
            }
            return engine.inspectImageCmd(tag).exec().getId();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
