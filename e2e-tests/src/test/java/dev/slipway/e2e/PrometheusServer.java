package dev.slipway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Prometheus (Debian's {@code prometheus}, installed by scripts/prometheus.sh) on a free loopback
 * port with its own storage folder, scraping the given targets at {@code /q/metrics} every second and
 * evaluating the given rule files; queried through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final URI address;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, URI address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    /** The scrape configuration: job {@code slipway}, {@code /q/metrics} of each target (host:port), scraped every second. */
    static String config(List<String> targets, Path ruleFile) {
        return "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                + "rule_files:\n  - " + quoted(ruleFile.toString()) + "\n"
                + "scrape_configs:\n  - job_name: slipway\n    metrics_path: /q/metrics\n    static_configs:\n"
                + "      - targets: [" + targets.stream().map(PrometheusServer::quoted).collect(Collectors.joining(", ")) + "]\n";
    }

    private static String quoted(String text) {
        if (!text.matches("[A-Za-z0-9_./:-]+")) {
            throw new IllegalArgumentException("not a plain path or address: " + text);
        }
        return "\"" + text + "\"";
    }

    static PrometheusServer start(String config, Path folder) throws IOException {
        Path configFile = folder.resolve("prometheus.yml");
        Files.writeString(configFile, config);
        run(Duration.ofSeconds(30), "promtool", "check", "config", configFile.toString());
        int port = freePort();
        Path log = folder.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary("prometheus"), "--config.file=" + configFile,
                "--storage.tsdb.path=" + Files.createDirectories(folder.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port, "--web.enable-lifecycle")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
        server.awaitReady();
        return server;
    }

    /** Runs a command to its end and returns its output; throws with the output when it exits non-zero. */
    static String run(Duration timeout, String... command) throws IOException {
        command[0] = binary(command[0]);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + output);
        }
        return output;
    }

    private static String binary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " not found on PATH: install Debian's prometheus package (scripts/prometheus.sh install)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("prometheus exited: " + Files.readString(log));
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            pause();
        }
        throw new IOException("prometheus not ready within 60 s: " + Files.readString(log));
    }

    /** The result of an instant query: the {@code data.result} array (series), failing on an error status. */
    JsonNode query(String expression) throws IOException {
        HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IOException("query " + expression + " failed: " + response.body());
        }
        return body.path("data").path("result");
    }

    /** The alerts Prometheus's rule evaluation holds, pending or firing. */
    JsonNode alerts() throws IOException {
        return JSON.readTree(get("/api/v1/alerts").body()).path("data").path("alerts");
    }

    /** The scrape targets and their health. */
    JsonNode targets() throws IOException {
        return JSON.readTree(get("/api/v1/targets").body()).path("data").path("activeTargets");
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(address.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
