package dev.slipway.cli.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The monorepo the plan builds from. Build contexts must be folders inside it and Dockerfiles files
 * inside their context, after resolving {@code ..} and symbolic links: the builder refuses anything else,
 * and the plan says so first.
 */
final class SourceTree {
    private final Path root;

    private SourceTree(Path root) {
        this.root = root;
    }

    /** The tree at {@code root}, or empty (with the problem recorded) when it is not a readable folder. */
    static Optional<SourceTree> at(Path root, PlanErrors errors) {
        try {
            Path real = root.toRealPath();
            if (!Files.isDirectory(real)) {
                errors.addFileProblem("source root " + root + " is not a folder");
                return Optional.empty();
            }
            return Optional.of(new SourceTree(real));
        } catch (IOException e) {
            errors.addFileProblem("source root " + root + " does not exist");
            return Optional.empty();
        }
    }

    Path root() {
        return root;
    }

    /** The build context folder, or empty when it is absolute, missing, not a folder or outside the source root. */
    Optional<Path> context(YamlField field, String context, PlanErrors errors) {
        Optional<Path> relative = relativePath(field, context, "build context", errors);
        if (relative.isEmpty()) {
            return Optional.empty();
        }
        Path candidate = root.resolve(relative.get()).normalize();
        if (!candidate.startsWith(root)) {
            errors.add(field, "build context '" + context + "' is outside the source root " + root
                    + ": expected a folder inside it (pass --source-root to build from a larger tree)");
            return Optional.empty();
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            errors.add(field, "build context '" + context + "' does not exist under " + root);
            return Optional.empty();
        }
        if (!real.startsWith(root)) {
            errors.add(field, "build context '" + context + "' resolves to " + real + ", outside the source root "
                    + root + ": expected a folder inside it");
            return Optional.empty();
        }
        if (!Files.isDirectory(real)) {
            errors.add(field, "build context '" + context + "' is not a folder under " + root);
            return Optional.empty();
        }
        return Optional.of(real);
    }

    /** Checks that the Dockerfile is a file inside the build context. */
    void dockerfile(YamlField field, Path contextFolder, String dockerfile, PlanErrors errors) {
        Optional<Path> relative = relativePath(field, dockerfile, "Dockerfile", errors);
        if (relative.isEmpty()) {
            return;
        }
        Path candidate = contextFolder.resolve(relative.get()).normalize();
        if (!candidate.startsWith(contextFolder)) {
            errors.add(field, "Dockerfile '" + dockerfile + "' is outside the build context " + contextFolder
                    + ": expected a path inside the context");
            return;
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            errors.add(field, dockerfile + " does not exist under " + contextFolder);
            return;
        }
        if (!real.startsWith(contextFolder)) {
            errors.add(field, "Dockerfile '" + dockerfile + "' resolves to " + real + ", outside the build context "
                    + contextFolder);
        } else if (!Files.isRegularFile(real)) {
            errors.add(field, "Dockerfile '" + dockerfile + "' is not a file under " + contextFolder);
        }
    }

    private static Optional<Path> relativePath(YamlField field, String value, String what, PlanErrors errors) {
        try {
            Path path = Path.of(value);
            if (path.isAbsolute()) {
                errors.add(field, what + " '" + value + "' is absolute: expected a path relative to "
                        + ("Dockerfile".equals(what) ? "the build context" : "the source root"));
                return Optional.empty();
            }
            return Optional.of(path);
        } catch (InvalidPathException e) {
            errors.add(field, what + " '" + value + "' is not a valid path: " + e.getReason());
            return Optional.empty();
        }
    }
}
