package dev.slipway.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resident memory of the pods' Java processes, read from this machine's /proc (a pod's processes are this
 * machine's processes): the process whose environment holds {@code HOSTNAME=<pod name>} and whose command is java.
 * {@link #sample} keeps the largest VmRSS seen per pod.
 */
final class PodMemory {
    private final Map<String, Long> peakKilobytes = new ConcurrentHashMap<>();

    void sample(Iterable<String> pods) {
        for (String pod : pods) {
            rssKilobytes(pod).ifPresent(kb -> peakKilobytes.merge(pod, kb, Math::max));
        }
    }

    Map<String, Long> peakKilobytes() {
        return Map.copyOf(peakKilobytes);
    }

    static OptionalLong rssKilobytes(String pod) {
        return javaProcess(pod).flatMap(process -> status(process, "VmRSS"))
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** A line of the pod's JVM's /proc/PID/status in kB (VmRSS, RssAnon, RssFile, VmHWM), if the process is there. */
    static java.util.Optional<Long> status(long process, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process), "status"))) {
                if (line.startsWith(field + ":")) {
                    return java.util.Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended while being read
        }
        return java.util.Optional.empty();
    }

    /** The process id (on this machine) of the pod's JVM. */
    static java.util.Optional<Long> javaProcess(String pod) {
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (!command.contains("java")) {
                        continue;
                    }
                    String environment = new String(Files.readAllBytes(process.resolve("environ")), StandardCharsets.UTF_8);
                    if (("\0" + environment).contains("\0HOSTNAME=" + pod + "\0")) {
                        return java.util.Optional.of(Long.parseLong(process.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while being read
                }
            }
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }
}
