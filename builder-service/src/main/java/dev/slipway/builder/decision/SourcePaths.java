package dev.slipway.builder.decision;

import dev.slipway.builder.decision.SourceResolution.Refused;
import dev.slipway.builder.decision.SourceResolution.Resolved;
import dev.slipway.events.plan.BuildSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves a service's build context (relative to the source root) and Dockerfile (relative to the
 * context) and decides whether they may be built. Both are checked twice: the written path with
 * {@code ..} folded away, and the real path with every symbolic link followed, so neither
 * {@code ../x}, an absolute path nor a link pointing elsewhere can reach outside the source root.
 * Reads only file metadata; it never writes.
 */
public final class SourcePaths {
    private static final String ROOT_KEY = "slipway.builder.source-root";

    private SourcePaths() {}

    public static SourceResolution resolve(Path sourceRoot, BuildSpec spec) {
        Path root;
        try {
            root = sourceRoot.toRealPath();
        } catch (IOException e) {
            return new Refused("the source root " + sourceRoot.toAbsolutePath() + " (" + ROOT_KEY
                    + ") does not exist; point " + ROOT_KEY + " at the checkout of the monorepo");
        }
        if (!Files.isDirectory(root)) {
            return new Refused("the source root " + root + " (" + ROOT_KEY + ") is not a directory");
        }
        Located context = locate("build context", spec.context(), root, root, "build.context", "the source root " + root);
        if (context.refusal != null) {
            return new Refused(context.refusal);
        }
        if (!Files.isDirectory(context.path)) {
            return new Refused("build context '" + spec.context() + "' (" + context.path
                    + ") is not a directory; build.context must name a folder under the source root " + root);
        }
        Located dockerfile = locate("Dockerfile", spec.dockerfile(), context.path, root, "build.dockerfile",
                "the build context " + context.path);
        if (dockerfile.refusal != null) {
            return new Refused(dockerfile.refusal);
        }
        if (!dockerfile.path.startsWith(context.path)) {
            return new Refused("Dockerfile '" + spec.dockerfile() + "' resolves to " + dockerfile.path
                    + ", outside the build context " + context.path
                    + "; put the Dockerfile inside build.context, or widen build.context to include it");
        }
        if (!Files.isRegularFile(dockerfile.path)) {
            return new Refused("Dockerfile '" + spec.dockerfile() + "' (" + dockerfile.path + ") is not a file");
        }
        return new Resolved(new BuildSource(context.path, dockerfile.path));
    }

    /**
     * The real path of {@code written} resolved against {@code base}, or why it is refused: not a
     * path, absolute, missing, or outside {@code root} before or after following symbolic links.
     */
    private static Located locate(String what, String written, Path base, Path root, String field, String baseName) {
        Path relative;
        try {
            relative = Path.of(written);
        } catch (InvalidPathException e) {
            return Located.refused(what + " '" + written + "' is not a valid path: " + e.getReason());
        }
        if (relative.isAbsolute()) {
            return Located.refused(what + " '" + written + "' is an absolute path; " + field
                    + " must be relative to " + baseName + ", inside the source root " + root);
        }
        Path lexical = base.resolve(relative).normalize();
        if (!lexical.startsWith(root)) {
            return Located.refused(what + " '" + written + "' resolves to " + lexical + ", outside the source root "
                    + root + "; refusing to build. Keep " + field + " inside the source root");
        }
        if (!Files.exists(lexical)) {
            return Located.refused(what + " '" + written + "' does not exist: looked for " + lexical + " under "
                    + baseName + "; check " + field + " in slipway.yaml and " + ROOT_KEY);
        }
        Path real;
        try {
            real = lexical.toRealPath();
        } catch (IOException e) {
            return Located.refused(what + " '" + written + "' (" + lexical + ") cannot be read: " + e.getMessage());
        }
        if (!real.startsWith(root)) {
            return Located.refused(what + " '" + written + "' resolves through a symbolic link to " + real
                    + ", outside the source root " + root + "; refusing to build. Replace the link with the files, "
                    + "or keep its target inside the source root");
        }
        return new Located(real, null);
    }

    private record Located(Path path, String refusal) {
        static Located refused(String reason) {
            return new Located(null, reason);
        }
    }
}
