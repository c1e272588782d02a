package dev.slipway.cli.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One instance of a stage (or the console) running as a child JVM, its output in a log file; up once Quarkus logs that it
 * started.
 */
public final class ServiceProcess {
    private static final Pattern STARTED = Pattern.compile("started in [0-9.]+s");
    private static final Pattern LISTENING = Pattern.compile("Listening on: (http://\\S+)");
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final PipelineService service;
    private final String module;
    private final int instance;
    private final Process process;
    private final Path log;

    private ServiceProcess(PipelineService service, String module, int instance, Process process, Path log) {
        this.service = service;
        this.module = module;
        this.instance = instance;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(PipelineService service, int instance, Path jar, Map<String, String> properties, Path log) {
        return start(service, service.module(), instance, jar, properties, log);
    }

    /** A Quarkus application that is not a stage (the console): {@link #service()} is null. */
    static ServiceProcess startApplication(String module, Path jar, Map<String, String> properties, Path log) {
        return start(null, module, 0, jar, properties, log);
    }

    private static ServiceProcess start(PipelineService service, String module, int instance, Path jar,
            Map<String, String> properties, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ServiceProcess(service, module, instance, process, log);
        } catch (IOException e) {
            throw new LocalPipelineException("could not start " + module + (instance == 0 ? "" : "-" + instance) + " (" + jar + "): " + e.getMessage(), e);
        }
    }

    /** The stage this is an instance of; null for the console. */
    public PipelineService service() {
        return service;
    }

    /** Which instance of its stage this is: 0, or 1, 2, … when the pipeline runs several. */
    public int instance() {
        return instance;
    }

    /** The stage's module, with the instance after it from the second on: {@code rollout-service}, {@code rollout-service-1}. */
    public String name() {
        return module + (instance == 0 ? "" : "-" + instance);
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** The peak resident memory of the running process (VmHWM in /proc), in KiB; empty once it has ended or off Linux. */
    public java.util.Optional<Long> peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return java.util.Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    /** Where its HTTP server (the health checks under {@code /q/health}) listens, once its log says so. */
    public java.util.Optional<java.net.URI> httpAddress() {
        java.util.regex.Matcher matcher = LISTENING.matcher(readLog());
        return matcher.find() ? java.util.Optional.of(java.net.URI.create(matcher.group(1))) : java.util.Optional.empty();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the log says the service started; fails with its last log lines when it exits or takes too long. */
    void awaitStarted(Duration timeout, Clock clock) {
        Instant deadline = clock.instant().plus(timeout);
        while (clock.instant().isBefore(deadline)) {
            if (STARTED.matcher(readLog()).find()) {
                return;
            }
            if (!process.isAlive()) {
                throw new LocalPipelineException(name() + " exited with code " + process.exitValue()
                        + " while starting; the end of " + log + ":\n" + tail(20));
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalPipelineException("interrupted while waiting for " + name() + " to start", e);
            }
        }
        throw new LocalPipelineException(name() + " did not log that it started within " + timeout.toSeconds()
                + " s; the end of " + log + ":\n" + tail(20));
    }

    /** The last lines of the service's log. */
    public String tail(int lines) {
        List<String> all = readLog().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Kills the JVM (SIGKILL) and waits until it is gone: no shutdown hook, nothing flushed or acknowledged. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the JVM to shut down (SIGTERM) without waiting. */
    void requestStop() {
        process.destroy();
    }

    /** Waits for the JVM to end, killing it when it has not after {@code grace}. */
    void awaitStop(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String readLog() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
