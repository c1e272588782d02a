package dev.slipway.cli.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Slipway repository (its root pom is slipway-parent) from a folder at or below it. */
public final class RepoRoot {
    private static final String ROOT_ARTIFACT = "<artifactId>slipway-parent</artifactId>";

    private RepoRoot() {}

    public static Path find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new LocalPipelineException("no Slipway repository at or above " + start.toAbsolutePath().normalize()
                + ": run from the repository or pass --repo");
    }

    private static boolean isRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        try {
            return Files.isRegularFile(pom) && Files.isDirectory(dir.resolve("builder-service"))
                    && Files.readString(pom).contains(ROOT_ARTIFACT);
        } catch (IOException e) {
            return false;
        }
    }
}
