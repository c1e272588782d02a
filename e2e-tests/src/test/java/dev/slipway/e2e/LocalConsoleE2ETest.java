package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.docker.DockerEngines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway local --console} as a newcomer runs it (the packaged CLI, its own broker and services, the example on
 * the test engine): it prints the console's address, the release appears there and ends PASSED, the console stays up
 * after the verdict, and Ctrl-C (SIGINT) stops everything, the console included.
 */
class LocalConsoleE2ETest {
    private static final Pattern CONSOLE = Pattern.compile("^console: (http://127\\.0\\.0\\.1:\\d+/) \\(the release appears there live\\)$");
    private static final Pattern RELEASED = Pattern.compile("^released shop \\S+ from \\S+ as (\\S+)");
    @TempDir
    Path runFolder;
    DockerClient docker;
    Process local;
    final StringBuffer output = new StringBuffer();

    @BeforeEach
    void clearTheEngine() {
        docker = DockerEngines.connect(PipelineHarness.engine());
        PipelineHarness.removeContainers(docker, "shop-");
        PipelineHarness.removeImages(docker, "slipway-example/");
    }

    @AfterEach
    void stopEverything() throws IOException {
        if (local != null && local.isAlive()) {
            local.destroyForcibly();
        }
        PipelineHarness.removeContainers(docker, "shop-");
        docker.close();
    }

    @Test
    void theConsoleShowsTheReleaseAndStaysUpUntilCtrlC() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path jar = PipelineHarness.repo().resolve("cli/target/slipway.jar");
        assertThat(jar).as("build it with ./mvnw -pl cli -am package -DskipTests").isRegularFile();
        String java = ProcessHandle.current().info().command().orElse("java");
        local = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "local", "--engine", PipelineHarness.engine(),
                "--console", "--console-port", String.valueOf(port), "--run-dir", runFolder.toString()))
                .directory(PipelineHarness.repo().toFile()).redirectErrorStream(true).start();
        local.getOutputStream().close();
        Thread reader = new Thread(this::readOutput, "slipway-local-output");
        reader.setDaemon(true);
        reader.start();

        String console = awaitLine(CONSOLE, Duration.ofMinutes(4));
        assertThat(console).isEqualTo("http://127.0.0.1:" + port + "/");
        String id = awaitLine(RELEASED, Duration.ofMinutes(1));
        awaitLine(Pattern.compile("^console: " + Pattern.quote(console) + " stays up with the pipeline; Ctrl-C stops everything$"),
                Duration.ofMinutes(5));
        assertThat(output.toString()).contains("release " + id + " (shop ").contains("): PASSED");

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> release = get(http, console + "api/releases/" + id);
        assertThat(release.statusCode()).isEqualTo(200);
        assertThat(release.body()).contains("\"" + id + "\"").contains("PASSED");
        HttpResponse<String> page = get(http, console);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("<html");
        Thread.sleep(2_000);
        assertThat(local.isAlive()).as("the console stays up after the verdict:\n" + output).isTrue();

        new ProcessBuilder("kill", "-INT", String.valueOf(local.pid())).inheritIO().start().waitFor();
        assertThat(local.waitFor(90, TimeUnit.SECONDS)).as("slipway local stops on Ctrl-C:\n" + output).isTrue();
        reader.join(5_000);
        assertThat(local.exitValue()).as("the exit code of a command stopped by SIGINT").isEqualTo(130);
        String afterCtrlC = output.substring(output.indexOf("Ctrl-C stops everything"));
        assertThat(afterCtrlC).as("Ctrl-C stops the services, the console and the broker in order, quietly")
                .contains("stopping the services and the broker").doesNotContain("Exception").doesNotContain("ERROR");
        assertThatThrownBy(() -> get(http, console)).as("the console stopped with the pipeline").isInstanceOf(ConnectException.class);
        assertThat(Files.list(runFolder).map(p -> p.getFileName().toString()).toList()).as("the services' logs")
                .anyMatch(name -> name.startsWith("console"));
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(local.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                System.out.println("slipway local | " + line);
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    /** Waits for a line of slipway local's output matching {@code pattern}; returns its first group. */
    private String awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (String line : output.toString().lines().toList()) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher.groupCount() > 0 ? matcher.group(1) : line;
                }
            }
            if (!local.isAlive()) {
                throw new AssertionError("slipway local ended (exit " + local.exitValue() + ") before printing " + pattern + ":\n" + output);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("slipway local printed nothing matching " + pattern + " within " + timeout + ":\n" + output);
    }

    private static HttpResponse<String> get(HttpClient http, String uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
