package dev.slipway.distributor.ssh;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
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
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Test images that share their lower layers, as the services of one monorepo do: a base (busybox plus a
 * "dependencies" file of random bytes) and images built FROM it that add one top layer of random bytes.
 */
final class LayeredImages {
    private final DockerClient engine;
    private final String unique = UUID.randomUUID().toString().substring(0, 12);

    LayeredImages(DockerClient engine) {
        this.engine = engine;
    }

    /** The base: busybox and {@code dependencyBytes} of random data, in two layers. */
    BuiltImage base(int dependencyBytes) {
        return build("base", "FROM scratch\nCOPY busybox /bin/busybox\nCOPY deps.bin /deps.bin\n",
                Map.of("busybox", Paths.get("/bin/busybox")), "deps.bin", dependencyBytes);
    }

    /** An image on {@code base} adding {@code /top.bin}: {@code topBytes} of random data in one layer. */
    BuiltImage on(BuiltImage base, String name, int topBytes) {
        return build(name, "FROM " + base.id().value() + "\nCOPY top.bin /top.bin\n"
                + "CMD [\"/bin/busybox\", \"sleep\", \"3600\"]\n", Map.of(), "top.bin", topBytes);
    }

    private BuiltImage build(String name, String dockerfile, Map<String, Path> copies, String randomFile, int randomBytes) {
        ImageRef ref = ImageRef.parse("slipway-test-distributor-" + unique + "/" + name + ":1.0");
        Path context = null;
        try {
            context = Files.createTempDirectory("slipway-test-distributor-");
            for (Map.Entry<String, Path> copy : copies.entrySet()) {
                Files.copy(copy.getValue(), context.resolve(copy.getKey()));
            }
            byte[] random = new byte[randomBytes];
            new Random().nextBytes(random);
            Files.write(context.resolve(randomFile), random);
            Files.writeString(context.resolve("Dockerfile"), dockerfile);
            engine.buildImageCmd(context.toFile()).withTags(Set.of(ref.value()))
                    .exec(new BuildImageResultCallback()).awaitImageId();
            var inspected = engine.inspectImageCmd(ref.value()).exec();
            return new BuiltImage(ref, ImageId.of(inspected.getId()), inspected.getSize(),
                    inspected.getRootFS().getLayers().size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(context);
        }
    }

    private static void delete(Path directory) {
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
