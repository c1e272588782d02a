package dev.slipway.builder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Writes service folders for tests: Debian's static busybox as /bin/busybox and /bin/sh, a marker
 * file unique to each folder (so every test builds its own image) and the given Dockerfile.
 */
public final class TestSources {
    /** The module's prefix for every image and container its tests create. */
    public static final String PREFIX = "slipway-test-builder-service-";

    /** A service image FROM scratch: busybox, the GREETING build arg as a label, the marker file. */
    public static final String BUSYBOX_SERVICE = """
            FROM scratch
            COPY bin/ /bin/
            ARG GREETING=none
            LABEL test.greeting=$GREETING
            COPY marker /marker
            """;

    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private TestSources() {}

    /** Creates {@code root/folder} holding busybox, a fresh marker and {@code dockerfile} as its Dockerfile. */
    public static Path service(Path root, String folder, String dockerfile) {
        try {
            Path dir = Files.createDirectories(root.resolve(folder));
            Path bin = Files.createDirectories(dir.resolve("bin"));
            if (!Files.isRegularFile(BUSYBOX)) {
                throw new IllegalStateException(BUSYBOX + " is missing: install busybox-static (apt-get install busybox-static)");
            }
            Files.copy(BUSYBOX, bin.resolve("busybox"));
            Files.createSymbolicLink(bin.resolve("sh"), Path.of("busybox"));
            changeMarker(dir);
            Files.writeString(dir.resolve("Dockerfile"), dockerfile);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes new content into the service's marker, so building it again would give another image. */
    public static void changeMarker(Path serviceDir) {
        try {
            Files.writeString(serviceDir.resolve("marker"), UUID.randomUUID() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A random suffix for tags and release ids, so parallel runs on the same engine never meet. */
    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
