package dev.slipway.verifier.http;

import static dev.slipway.verifier.Releases.context;
import static dev.slipway.verifier.Releases.http;
import static dev.slipway.verifier.Releases.rolledOut;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.events.CheckResult;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.verifier.decision.ReleaseProgress;
import dev.slipway.verifier.decision.RolledOutRelease;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http check against a real HTTP server on loopback that answers like the product's API: 401 with a JSON error. */
class HttpEndpointCheckTest {
    private static final String UNAUTHORIZED = "{\"error\":\"Unauthorized\",\"message\":\"missing bearer token\"}";
    private HttpServer server;
    private final HttpEndpointCheck check = new HttpEndpointCheck(TestProbes.vertx(), Clock.systemUTC(),
            Duration.ofMillis(200));

    @BeforeEach
    void startApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api", exchange -> {
            byte[] body = UNAUTHORIZED.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopApi() {
        server.stop(0);
    }

    @Test
    void passesWhenTheApiAnswersTheExpected401WithItsJsonError() {
        CheckResult row = run(http("api answers", api(), List.of(401), "Unauthorized", 5));

        assertThat(row.passed()).isTrue();
        assertThat(row.kind()).isEqualTo("http");
        assertThat(row.observed()).isEqualTo("status 401, body " + UNAUTHORIZED);
    }

    @Test
    void failsWithTheObserved401WhenExpecting200() {
        CheckResult row = run(http("api answers", api(), List.of(200), null, 1));

        assertThat(row.passed()).isFalse();
        assertThat(row.expected()).isEqualTo("GET " + api() + " answers status 200 within 1s");
        assertThat(row.observed()).isEqualTo("status 401, body " + UNAUTHORIZED);
    }

    @Test
    void failsWhenTheBodyLacksTheFragment() {
        CheckResult row = run(http("api answers", api(), List.of(401), "Forbidden", 1));

        assertThat(row.passed()).isFalse();
        assertThat(row.observed()).startsWith("status 401, body {\"error\":\"Unauthorized\"");
    }

    @Test
    void reportsAConnectionRefusedWhenNothingListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CheckResult row = run(http("api answers", URI.create("http://127.0.0.1:" + closedPort + "/api"), List.of(401),
                null, 1));

        assertThat(row.passed()).isFalse();
        assertThat(row.observed()).isEqualTo("connection refused to 127.0.0.1:" + closedPort);
    }

    private URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
    }

    private CheckResult run(CheckSpec spec) {
        ReleaseContext release = context(ReleaseId.of("shop-1"), List.of("api"), spec);
        RolledOutRelease rolledOut = ReleaseProgress.none(release.releaseId()).with(rolledOut(release, "api")).rolledOut();
        return check.run(spec, rolledOut);
    }
}
