package dev.slipway.builder.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A git repository for tests, driven with the real git program. */
public final class TestRepository {
    private final Path root;

    private TestRepository(Path root) {
        this.root = root;
    }

    public static TestRepository init(Path root) {
        TestRepository repository = new TestRepository(root);
        repository.git("init", "-q", "-b", "main");
        return repository;
    }

    /** Commits everything in the working tree and returns the new commit's name. */
    public String commitAll(String message) {
        git("add", "-A");
        git("-c", "user.name=Slipway Test", "-c", "user.email=test@slipway.dev", "commit", "-q", "-m", message);
        return git("rev-parse", "HEAD").strip();
    }

    public String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("git could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
