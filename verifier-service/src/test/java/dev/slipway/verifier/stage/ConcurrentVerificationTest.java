package dev.slipway.verifier.stage;

import static dev.slipway.verifier.Releases.context;
import static dev.slipway.verifier.Releases.http;
import static dev.slipway.verifier.Releases.rolledOut;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.KafkaContainerBroker;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.verifier.Releases;
import dev.slipway.verifier.check.ReleaseChecks;
import dev.slipway.verifier.http.HttpEndpointCheck;
import dev.slipway.verifier.http.TestProbes;
import dev.slipway.verifier.state.KafkaProgressStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Releases are verified at once: a release whose check hangs (an endpoint that does not answer yet)
 * does not hold back the verdict of another release.
 */
class ConcurrentVerificationTest {
    @Test
    void aReleaseWaitingOnItsChecksDoesNotHoldBackAnother() throws Exception {
        CountDownLatch slowMayAnswer = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/slow", exchange -> {
            try {
                slowMayAnswer.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/fast", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        KafkaBroker broker = KafkaContainerBroker.shared(); // the test JVM's: this test's state topic is its own
        try (KafkaProgressStore store = KafkaProgressStore.open(broker.clientProperties(),
                "slipway.verifier-state.test-" + UUID.randomUUID())) {
            List<Verified> sent = new CopyOnWriteArrayList<>();
            VerificationStage stage = new VerificationStage(store, new ReleaseChecks(List.of(new HttpEndpointCheck(
                    TestProbes.vertx(), Clock.systemUTC(), Duration.ofMillis(200)))), sent::add, Duration.ofHours(2));
            ReleaseContext slow = context(Releases.newReleaseId(), List.of("api"),
                    http("slow answers", URI.create(base + "/slow"), List.of(200), null, 60));
            ReleaseContext fast = context(Releases.newReleaseId(), List.of("api"),
                    http("fast answers", URI.create(base + "/fast"), List.of(200), null, 5));

            CompletableFuture<Void> slowRelease = CompletableFuture.runAsync(() -> stage.handle(rolledOut(slow, "api")));
            Thread.sleep(500); // the slow release is inside its check
            CompletableFuture.runAsync(() -> stage.handle(rolledOut(fast, "api"))).get(20, TimeUnit.SECONDS);

            assertThat(slowRelease).isNotDone();
            assertThat(sent).singleElement().satisfies(verified -> {
                assertThat(verified.releaseId()).isEqualTo(fast.releaseId());
                assertThat(verified.verdict()).isEqualTo(Verdict.PASSED);
            });
            slowMayAnswer.countDown();
            slowRelease.get(30, TimeUnit.SECONDS);
            assertThat(sent).extracting(Verified::releaseId).containsExactly(fast.releaseId(), slow.releaseId());
        } finally {
            slowMayAnswer.countDown();
            server.stop(0);
        }
    }
}
