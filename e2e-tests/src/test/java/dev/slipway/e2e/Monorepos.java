package dev.slipway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Test monorepos from src/test/resources/monorepos, copied to a folder with Debian's static busybox vendored in. */
final class Monorepos {
    private Monorepos() {}

    static Path copy(String name, Path target) {
        Path source = Path.of("src/test/resources/monorepos", name).toAbsolutePath();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path vendor = Files.createDirectories(target.resolve("vendor"));
            String busybox = System.getenv().getOrDefault("SLIPWAY_BUSYBOX", "/bin/busybox");
            Files.copy(Path.of(busybox), vendor.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the test monorepo " + name + " in " + target, e);
        }
    }
}
