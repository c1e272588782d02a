package dev.slipway.distributor.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Test images tagged {@code slipway-test-distributor-<random>:1.0}: one of Debian's static busybox
 * ({@code FROM scratch}), and images on top of another one adding a layer of random (incompressible) bytes.
 * Built without the build cache, so no intermediate image is shared with other tests running on the engine.
 */
public final class LayeredTestImages {
    private LayeredTestImages() {}

    public static BuiltImage busybox(DockerClient engine) {
        return build(engine, "FROM scratch\nCOPY busybox /bin/busybox\n", context -> Files.copy(Path.of("/bin/busybox"),
                context.resolve("busybox")));
    }

    public static BuiltImage onTop(DockerClient engine, BuiltImage base, int randomBytes) {
        return onTop(engine, base, "data.bin", randomBytes);
    }

    /** An image on {@code base} adding {@code /<file>} of {@code randomBytes} random bytes, in one layer. */
    public static BuiltImage onTop(DockerClient engine, BuiltImage base, String file, int randomBytes) {
        if (!file.matches("[a-z0-9.-]+")) {
            throw new IllegalArgumentException("test file name '" + file + "'");
        }
        return build(engine, "FROM " + base.ref().value() + "\nCOPY " + file + " /" + file + "\n", context -> {
            byte[] data = new byte[randomBytes];
            new SecureRandom().nextBytes(data);
            Files.write(context.resolve(file), data);
        });
    }

    private interface Context {
        void fill(Path context) throws IOException;
    }

    private static BuiltImage build(DockerClient engine, String dockerfile, Context files) {
        String unique = UUID.randomUUID().toString().substring(0, 12);
        ImageRef ref = ImageRef.parse("slipway-test-distributor-" + unique + ":1.0");
        Path context = null;
        try {
            context = Files.createTempDirectory("slipway-test-distributor-");
            files.fill(context);
            Files.writeString(context.resolve("Dockerfile"), dockerfile);
            engine.buildImageCmd(context.toFile())
                    .withNoCache(true)
                    .withTags(Set.of(ref.value()))
                    .withLabels(Map.of("dev.slipway.test", unique))
                    .exec(new BuildImageResultCallback())
                    .awaitImageId();
            var inspected = engine.inspectImageCmd(ref.value()).exec();
            return new BuiltImage(ref, ImageId.of(inspected.getId()), inspected.getSize(), inspected.getRootFS().getLayers().size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TestImages.deleteTree(context);
        }
    }
}
