package dev.slipway.verifier.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.verifier.decision.HttpObservation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the verifier's HTTP probe sees of real servers on loopback that answer, redirect, stall or say nothing. */
class VertxHttpProbeTest {
    private final HttpProbe probe = TestProbes.vertx();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/big", exchange -> {
            byte[] body = "x".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException closedByTheProbe) {
                // the probe stops reading after 64 KiB
            }
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aRedirectIsWhatTheCheckSeesNotWhereItLeads() {
        assertThat(probe.get(url("/moved"), Duration.ofSeconds(5))).isEqualTo(HttpObservation.answered(302, ""));
    }

    @Test
    void readsAtMost64KiBOfTheBody() {
        HttpObservation seen = probe.get(url("/big"), Duration.ofSeconds(5));

        assertThat(seen).isEqualTo(HttpObservation.answered(200, "x".repeat(VertxHttpProbe.MAX_BODY_BYTES)));
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsReportedWithTheTimeout() {
        HttpObservation seen = probe.get(url("/slow"), Duration.ofMillis(500));

        assertThat(seen).isEqualTo(HttpObservation.failed("no answer from 127.0.0.1:" + port() + " within 500ms"));
    }

    @Test
    void aServerThatAcceptsButNeverSpeaksIsReportedWithTheTimeout() throws IOException {
        ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        try (silent) {
            HttpObservation seen = probe.get(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"), Duration.ofSeconds(1));

            assertThat(seen).isEqualTo(HttpObservation.failed("no answer from 127.0.0.1:" + silent.getLocalPort() + " within 1s"));
        }
    }

    @Test
    void anUnknownHostIsNamed() {
        HttpObservation seen = probe.get(URI.create("http://no-such-host.invalid/health"), Duration.ofSeconds(5));

        assertThat(seen).isEqualTo(HttpObservation.failed("unknown host no-such-host.invalid"));
    }

    @Test
    void anHttpsUrlOnAServerThatAnswersInPlainHttpIsAnErrorNotAnAnswer() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket client = plain.accept()) {
                    client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the test ends
                }
            });
            answering.start();

            HttpObservation seen = probe.get(URI.create("https://127.0.0.1:" + plain.getLocalPort() + "/"), Duration.ofSeconds(5));

            assertThat(seen.answered()).isFalse();
            assertThat(seen.error()).startsWith("error talking to 127.0.0.1:" + plain.getLocalPort() + ": ");
            answering.join(5000);
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    private int port() {
        return server.getAddress().getPort();
    }
}
