package dev.slipway.builder.source;

import dev.slipway.builder.decision.TreeChoice;
import dev.slipway.events.BuildRequested;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder a release's build contexts are resolved against. For a release pinned to a clean commit: that
 * commit's files, written once into {@code workDir/<commit>} ({@code git archive} of the commit's subtree at the
 * source root, unpacked by {@code tar}), so the checkout, its index and its working tree are never touched, and
 * a build reads exactly what was committed (as {@code git archive} exports it: {@code export-ignore} attributes
 * apply). For other
 * releases: the source root itself (see {@link TreeChoice}). The newest {@value #KEPT} commit trees are kept.
 *
 * <p>Not handled: git submodules (their folders stay empty) and Git LFS (files stay pointers).
 */
public final class SourceTrees {
    static final int KEPT = 4;
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");
    private static final Pattern CREDENTIALS = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");

    /** A tree to build, or why there is none. */
    public sealed interface Found {}

    /** Build {@code root}; {@code description} names what it holds, for the log. */
    public record Tree(Path root, String description) implements Found {}

    /** Nothing to build: {@code reason} says why and what to do. */
    public record Refused(String reason) implements Found {}

    private final Path sourceRoot;
    private final Path workDir;
    private final GitCommand git;

    public SourceTrees(Path sourceRoot, Path workDir, Duration gitTimeout) {
        this.sourceRoot = sourceRoot;
        this.workDir = workDir;
        this.git = new GitCommand(sourceRoot, gitTimeout);
    }

    public Found treeFor(BuildRequested request) {
        TreeChoice choice = TreeChoice.forRelease(request.releaseId(), request.source(), this::head);
        if (choice instanceof TreeChoice.Refused refused) {
            return new Refused(refused.reason());
        }
        if (choice instanceof TreeChoice.WorkingTree working) {
            return new Tree(sourceRoot, "the working tree of " + sourceRoot + " (" + working.why() + ")");
        }
        return commitTree(((TreeChoice.Commit) choice).commit());
    }

    /**
     * The repository's URL, for {@code org.opencontainers.image.source}: git's {@code remote.origin.url} with any
     * user name or password taken out, or empty when there is none (not git, no origin, not a plain URL).
     */
    public Optional<String> sourceUrl() {
        GitCommand.Result url = git.run("config", "--get", "remote.origin.url");
        if (!url.ok()) {
            return Optional.empty();
        }
        String value = CREDENTIALS.matcher(url.output().strip()).replaceFirst("$1");
        return value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c == 0x7f) ? Optional.empty() : Optional.of(value);
    }

    private TreeChoice.Head head() {
        GitCommand.Result head = git.run("rev-parse", "--verify", "HEAD");
        if (!head.ok()) {
            return TreeChoice.Head.unknown(head.exitCode() == -1 ? head.firstLine()
                    : "the source root " + sourceRoot + " is not a git checkout with a commit (" + head.firstLine() + ")");
        }
        return TreeChoice.Head.at(head.output().strip());
    }

    private synchronized Found commitTree(String commit) {
        if (!COMMIT.matcher(commit).matches()) {
            return new Refused("'" + commit + "' is not a full git commit name");
        }
        Path tree = workDir.resolve(commit);
        String description = "commit " + commit + " of " + sourceRoot;
        if (Files.isDirectory(tree)) {
            touch(tree);
            return new Tree(tree, description);
        }
        GitCommand.Result present = git.run("cat-file", "-e", commit + "^{commit}");
        if (!present.ok()) {
            return new Refused(present.exitCode() == -1 ? present.firstLine() + "; the release is pinned to commit " + commit
                    : "commit " + commit + " is not in the repository of the source root " + sourceRoot
                            + " (slipway.builder.source-root); fetch it there (git fetch) and publish the release again");
        }
        GitCommand.Result prefix = git.run("rev-parse", "--show-prefix");
        GitCommand.Result top = git.run("rev-parse", "--show-toplevel");
        if (!prefix.ok() || !top.ok()) {
            return new Refused("git cannot read the source root " + sourceRoot + ": "
                    + (prefix.ok() ? top : prefix).firstLine());
        }
        String subtree = prefix.output().strip().replaceAll("/$", "");
        String treeish = subtree.isEmpty() ? commit + "^{tree}" : commit + ":" + subtree;
        try {
            Files.createDirectories(workDir);
            Path partial = Files.createTempDirectory(workDir, commit + ".partial-");
            try {
                GitCommand.Result written = git.export(Path.of(top.output().strip()), treeish, partial);
                if (!written.ok()) {
                    return new Refused("writing the files of commit " + commit + (subtree.isEmpty() ? "" : " under " + subtree)
                            + " (the source root " + sourceRoot + " inside its repository) into " + partial + " failed: "
                            + written.firstLine());
                }
                Files.move(partial, tree, StandardCopyOption.ATOMIC_MOVE);
                Log.infof("wrote the files of commit %s (%s) into %s", commit, subtree.isEmpty() ? "/" : subtree, tree);
            } finally {
                deleteTree(partial);
            }
            evictOlderThan(tree);
            return new Tree(tree, description);
        } catch (IOException e) {
            return new Refused("the builder cannot write the files of commit " + commit + " into " + workDir
                    + " (slipway.builder.work-dir): " + e.getMessage());
        }
    }

    private void evictOlderThan(Path keep) throws IOException {
        List<Path> trees;
        try (Stream<Path> entries = Files.list(workDir)) {
            trees = entries.filter(path -> COMMIT.matcher(path.getFileName().toString()).matches())
                    .filter(Files::isDirectory)
                    .sorted(Comparator.comparing(SourceTrees::modified).reversed())
                    .toList();
        }
        for (Path old : trees.subList(Math.min(KEPT, trees.size()), trees.size())) {
            if (!old.equals(keep)) {
                deleteTree(old);
            }
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    private static void touch(Path tree) {
        try {
            Files.setLastModifiedTime(tree, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
