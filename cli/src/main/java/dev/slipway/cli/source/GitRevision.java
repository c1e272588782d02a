package dev.slipway.cli.source;

import dev.slipway.events.SourceRevision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git commit a monorepo checkout is at, and what in it is not committed: read with {@code git}
 * (no shell; the folder is passed as an argument). The changes are limited to the source root, so a
 * change elsewhere in a larger repository does not count.
 */
public final class GitRevision {
    /** What {@link #of} found. */
    public sealed interface Found permits Pinned, NotAGitCheckout {}

    /** At {@code revision}; {@code changes} lists up to 5 uncommitted paths ({@code git status --porcelain} lines). */
    public record Pinned(SourceRevision revision, List<String> changes) implements Found {}

    /** Not a git checkout, or git is not installed: {@code why} says which. */
    public record NotAGitCheckout(String why) implements Found {}

    private GitRevision() {}

    public static Found of(Path root) {
        Run head = git(root, "rev-parse", "--verify", "HEAD");
        if (head.exitCode() != 0) {
            return new NotAGitCheckout(head.exitCode() == -1 ? head.output()
                    : root + " is not a git checkout with a commit (git rev-parse HEAD: " + head.output().strip() + ")");
        }
        Run status = git(root, "status", "--porcelain", "--untracked-files=normal", "--", ".");
        if (status.exitCode() != 0) {
            return new NotAGitCheckout("git status failed in " + root + ": " + status.output().strip());
        }
        List<String> changes = status.output().lines().filter(line -> !line.isBlank()).toList();
        return new Pinned(new SourceRevision(head.output().strip(), !changes.isEmpty()),
                changes.subList(0, Math.min(5, changes.size())));
    }

    private record Run(int exitCode, String output) {}

    private static Run git(Path root, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Run(-1, "git did not answer within 30 s in " + root);
            }
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            return new Run(-1, "git is not installed (" + e.getMessage() + "): the release cannot be pinned to a commit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "interrupted while running git in " + root);
        }
    }
}
