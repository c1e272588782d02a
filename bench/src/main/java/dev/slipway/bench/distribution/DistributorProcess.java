package dev.slipway.bench.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real distributor-service jar as a child JVM (the JVM options of the local default), configured with
 * the bench nodes as ssh-containerd nodes; its output in a log file.
 */
final class DistributorProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private DistributorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Map<String, String> properties(String bootstrapServers, String sourceEngine, List<BenchNode> nodes, Path key,
            Path knownHosts) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        properties.put("slipway.distributor.source-engine", sourceEngine);
        for (BenchNode node : nodes) {
            String prefix = "slipway.nodes." + node.name() + ".";
            properties.put(prefix + "transport", "ssh-containerd");
            properties.put(prefix + "address", node.login());
            properties.put(prefix + "key", key.toString());
            properties.put(prefix + "known-hosts", knownHosts.toString());
            properties.put(prefix + "ctr-command", node.ctr());
            properties.put(prefix + "import-command", node.ctr() + " images import -");
        }
        return properties;
    }

    static DistributorProcess start(Path quarkusRunJar, Map<String, String> properties, Path log, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the JVM's defaults, as a deployed distributor runs: the C2 compiler is what runs AES-GCM on the CPU's
        // AES instructions (with -XX:TieredStopAtLevel=1, as `slipway local` starts services, it is several times slower)
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(quarkusRunJar.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + quarkusRunJar, e);
        }
        DistributorProcess started = new DistributorProcess(process, log);
        // a child JVM outlives its parent: stop it when the benchmark ends, on Ctrl-C too
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-distributor-" + process.pid()));
        started.awaitStarted(timeout);
        return started;
    }

    private void awaitStarted(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String printed = read();
            if (printed.matches("(?s).*started in [0-9.]+s.*")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("distributor-service exited with " + process.exitValue() + " while starting; "
                        + log + ":\n" + printed);
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for distributor-service to start", e);
            }
        }
        close();
        throw new IllegalStateException("distributor-service did not start within " + timeout.toSeconds() + " s; " + log);
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    private String read() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
