package dev.slipway.bench.history;

import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the console as a user does ({@code java -jar console/target/quarkus-app/quarkus-run.jar}) on a set of topics
 * and an index topic, and times it: from the process start to its {@code console ready} line, the index time it
 * reports, and the first page of {@code /api/releases} after that.
 */
final class ConsoleStart {
    static final Path JAR = Path.of("console", "target", "quarkus-app", "quarkus-run.jar");
    private static final Pattern READY = Pattern.compile(
            "console ready: (\\d+) releases indexed in (\\d+) ms \\((\\d+) entries loaded from the index topic, (\\d+) records");

    /** What one start showed. */
    record Started(double readyMillis, long indexMillis, int releases, int loadedEntries, long recordsRead, double firstPageMillis) {}

    private ConsoleStart() {}

    static Started run(String bootstrapServers, Topics topics, String indexTopic, Duration limit) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkafka.bootstrap.servers=" + bootstrapServers, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port, "-Dslipway.console.index-topic=" + indexTopic));
        for (EventType type : EventType.values()) {
            command.add("-D" + Topics.configKey(type) + "=" + topics.name(type));
        }
        command.addAll(List.of("-jar", JAR.toString()));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            Matcher ready = awaitReady(out, process, limit);
            double readyMillis = (System.nanoTime() - start) / 1e6;
            long page = System.nanoTime();
            HttpResponse<String> releases = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/releases?limit=50")).build(), HttpResponse.BodyHandlers.ofString());
            double firstPageMillis = (System.nanoTime() - page) / 1e6;
            if (releases.statusCode() != 200 || !releases.body().contains("\"releaseId\"")) {
                throw new IllegalStateException("the console answered " + releases.statusCode() + ": " + releases.body());
            }
            return new Started(readyMillis, Long.parseLong(ready.group(2)), Integer.parseInt(ready.group(1)),
                    Integer.parseInt(ready.group(3)), Long.parseLong(ready.group(4)), firstPageMillis);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Matcher awaitReady(BufferedReader out, Process process, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> tail = new ArrayList<>();
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            Matcher matcher = READY.matcher(line);
            if (matcher.find()) {
                return matcher;
            }
            tail.add(line);
            if (tail.size() > 20) {
                tail.remove(0);
            }
        }
        throw new IllegalStateException("the console did not log that it was ready within " + limit.toSeconds() + " s (alive: "
                + process.isAlive() + "); its last lines:\n" + String.join("\n", tail));
    }
}
