package dev.slipway.builder.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code git} in one repository, without a shell: every argument is passed as it is, and only
 * commit names checked by {@link dev.slipway.events.SourceRevision} and paths the builder chose reach it.
 * The repository is trusted whoever owns it ({@code safe.directory}): it is the configured source root.
 */
final class GitCommand {
    /** What git answered: its exit code (-1 when it could not run) and its output, stdout and stderr together. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        String firstLine() {
            return output.strip().lines().findFirst().orElse("(no output)");
        }
    }

    private final Path repository;
    private final Duration timeout;

    GitCommand(Path repository, Duration timeout) {
        this.repository = repository;
        this.timeout = timeout;
    }

    Path repository() {
        return repository;
    }

    Result run(String... args) {
        return run(Map.of(), args);
    }

    /**
     * {@code git archive} of {@code treeish} unpacked into the folder {@code into} by {@code tar} (links and executable
     * bits kept, owners not), the two programs joined by a pipe, no shell. Run at the repository's top folder
     * {@code top}: run in a folder below it, git archive would look for that folder again inside {@code treeish}.
     */
    Result export(Path top, String treeish, Path into) {
        List<String> archive = List.of("git", "-c", "safe.directory=*", "-C", top.toString(), "archive",
                "--format=tar", treeish);
        List<String> unpack = List.of("tar", "--extract", "--no-same-owner", "--file=-", "--directory=" + into);
        try {
            List<Process> pipeline = ProcessBuilder.startPipeline(List.of(new ProcessBuilder(archive),
                    new ProcessBuilder(unpack).redirectErrorStream(true)));
            Process git = pipeline.get(0);
            Process tar = pipeline.get(1);
            git.getOutputStream().close();
            byte[] tarOutput = tar.getInputStream().readAllBytes();
            byte[] gitErrors = git.getErrorStream().readAllBytes();
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Process process : pipeline) {
                if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    pipeline.forEach(Process::destroyForcibly);
                    return new Result(-1, "git archive | tar did not finish within " + timeout + " in " + repository);
                }
            }
            if (git.exitValue() != 0) {
                return new Result(git.exitValue(), new String(gitErrors, StandardCharsets.UTF_8));
            }
            return new Result(tar.exitValue(), new String(tarOutput, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "git archive | tar could not run (" + e.getMessage() + "); install git and tar where the "
                    + "builder runs");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted while writing the files of " + treeish);
        }
    }

    Result run(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "safe.directory=*", "-C", repository.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "git " + args[0] + " did not finish within " + timeout + " in " + repository);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "git could not run (" + e.getMessage() + "); install git where the builder runs");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted while running git in " + repository);
        }
    }
}
