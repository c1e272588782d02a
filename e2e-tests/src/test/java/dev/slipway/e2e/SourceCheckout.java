package dev.slipway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A monorepo checkout as a deployed builder reads it from its volume: a git repository (the builder builds each
 * release from its commit's files) holding a copy of an example, committed once, readable by every user.
 */
final class SourceCheckout {
    private SourceCheckout() {}

    static Path of(Path example, Path target) {
        try {
            deleteRecursively(target);
            try (Stream<Path> files = Files.walk(example)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(example.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git(target, "init", "-q");
        git(target, "add", "-A");
        git(target, "-c", "user.name=Slipway tests", "-c", "user.email=tests@slipway.invalid", "-c", "commit.gpgsign=false",
                "commit", "-q", "-m", "the example, as released from the cluster");
        TestCluster.run(List.of("chmod", "-R", "a+rX", target.toString()), Duration.ofSeconds(30));
        return target;
    }

    private static void git(Path repository, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(args));
        TestCluster.run(command, Duration.ofMinutes(1));
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
