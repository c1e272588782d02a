package dev.slipway.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * One real Kafka broker (KRaft, combined controller and broker) in a child JVM ({@link KafkaBrokerMain}),
 * on two loopback ports chosen once and a data folder kept across restarts: it can be killed (SIGKILL) or
 * stopped (SIGTERM, Kafka's controlled shutdown) and started again at the same address with the same
 * topics, offsets and groups, so that clients reconnect to it as they would to a restarted broker. For
 * fault runs; {@code slipway local} uses {@link EmbeddedKafkaBroker}.
 */
public final class KafkaBrokerProcess implements KafkaBroker {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path folder;
    private final int brokerPort;
    private final int controllerPort;
    private Process process;
    private int starts;

    private KafkaBrokerProcess(Path folder, int brokerPort, int controllerPort) {
        this.folder = folder;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    /** Starts a broker with its data and logs ({@code broker.log}, {@code broker.1.log}, …) under {@code folder}; returns once it answers. */
    public static KafkaBrokerProcess start(Path folder) {
        KafkaBrokerProcess broker = new KafkaBrokerProcess(folder.toAbsolutePath(), freePort(), freePort());
        broker.startAgain();
        return broker;
    }

    /** Starts the broker (again, after {@link #kill()} or {@link #stop()}) on the same ports and data; returns once it answers. */
    public synchronized Duration startAgain() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is running (pid " + process.pid() + ")");
        }
        long started = System.nanoTime();
        Path log = folder.resolve(starts == 0 ? "broker.log" : "broker." + starts + ".log");
        starts++;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC",
                // the broker's own log at INFO (when slf4j-simple logs for it; the CLI's jar quiets libraries to WARN)
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.log.kafka=info",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info", "-Dorg.slf4j.simpleLogger.log.state.change.logger=warn",
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-cp", System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(), folder.toString(), Integer.toString(brokerPort),
                Integer.toString(controllerPort)));
        try {
            Files.createDirectories(folder);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker process: " + e.getMessage(), e);
        }
        awaitReady(log);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Kills the broker at once (SIGKILL): nothing flushed, no controlled shutdown; waits until the process is gone. */
    public synchronized void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** Stops the broker as an operator does (SIGTERM: controlled shutdown), SIGKILL after 30 s; returns how long it took. */
    public synchronized Duration stop() {
        long started = System.nanoTime();
        process.destroy();
        if (!waitFor(STOP_GRACE)) {
            kill();
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    public Path folder() {
        return folder;
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Stops the broker (SIGTERM, then SIGKILL) and deletes its data; its logs stay. */
    @Override
    public synchronized void close() {
        if (isAlive()) {
            stop();
        }
        Path data = folder.resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the broker's data " + data + ": " + e.getMessage(), e);
            }
        }
    }

    private void awaitReady(Path log) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers(), "request.timeout.ms", 1000,
                "default.api.timeout.ms", 2000, "reconnect.backoff.max.ms", 200))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker process exited with code " + process.exitValue()
                            + " while starting; see " + log);
                }
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // not up yet
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker to start", e);
        }
        throw new IllegalStateException("the Kafka broker did not answer at " + bootstrapServers() + " within "
                + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port: " + e.getMessage(), e);
        }
    }
}
