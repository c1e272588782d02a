package dev.slipway.verifier.stage;

import static dev.slipway.verifier.Releases.context;
import static dev.slipway.verifier.Releases.http;
import static dev.slipway.verifier.Releases.rolledOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.KafkaContainerBroker;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.ServiceResult;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ServiceName;
import dev.slipway.verifier.Releases;
import dev.slipway.verifier.check.ReleaseChecks;
import dev.slipway.verifier.http.HttpEndpointCheck;
import dev.slipway.verifier.http.TestProbes;
import dev.slipway.verifier.state.KafkaProgressStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier stopped and started again, against a real broker: each "run" is a fresh stage with
 * a store rebuilt from the compacted state topic, as after a restart of the service. The checks hit
 * a real HTTP endpoint that counts its requests, so a check run twice would show.
 */
class VerifierRestartTest {
    private static KafkaBroker broker;
    private HttpServer api;
    private final AtomicInteger apiRequests = new AtomicInteger();
    private final List<KafkaProgressStore> stores = new ArrayList<>();
    private String stateTopic;
    private ReleaseContext release;

    @BeforeAll
    static void startBroker() {
        // the test JVM's shared broker: every test here works on topics of its own
        broker = KafkaContainerBroker.shared();
    }


    @BeforeEach
    void startApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/api", exchange -> {
            apiRequests.incrementAndGet();
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        api.start();
        stateTopic = "slipway.verifier-state.test-" + UUID.randomUUID();
        release = context(Releases.newReleaseId(), List.of("api", "web"), http("api answers",
                URI.create("http://127.0.0.1:" + api.getAddress().getPort() + "/api"), List.of(401), null, 5));
    }

    @AfterEach
    void stop() {
        api.stop(0);
        stores.forEach(KafkaProgressStore::close);
    }

    @Test
    void aReleaseWhoseServicesArriveAcrossARestartGetsExactlyOneVerified() {
        List<Verified> sent = new ArrayList<>();
        start(sent::add).handle(rolledOut(release, "api"));
        stores.get(0).close();
        stores.clear();

        VerificationStage afterRestart = start(sent::add);
        afterRestart.handle(rolledOut(release, "web"));
        afterRestart.handle(rolledOut(release, "web"));
        start(sent::add).handle(rolledOut(release, "api"));

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).verdict()).isEqualTo(Verdict.PASSED);
        assertThat(sent.get(0).services()).extracting(ServiceResult::service)
                .containsExactly(ServiceName.of("api"), ServiceName.of("web"));
        assertThat(apiRequests).hasValue(1);
    }

    @Test
    void aVerdictDecidedBeforeACrashIsSentAfterTheRestartWithoutRunningTheChecksAgain() {
        VerificationStage crashing = start(verified -> {
            throw new IllegalStateException("verifier killed before the Verified reached the broker");
        });
        crashing.handle(rolledOut(release, "api"));
        assertThatThrownBy(() -> crashing.handle(rolledOut(release, "web"))).hasMessageContaining("killed");
        assertThat(apiRequests).hasValue(1);

        List<Verified> sent = new ArrayList<>();
        VerificationStage afterRestart = start(sent::add);
        afterRestart.handle(rolledOut(release, "web"));
        afterRestart.handle(rolledOut(release, "web"));

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).verdict()).isEqualTo(Verdict.PASSED);
        assertThat(sent.get(0).checks()).hasSize(1);
        assertThat(apiRequests).as("the checks ran once, before the crash").hasValue(1);
    }

    @Test
    void aReleaseStillWaitingAtItsDeadlineGetsOneFailedVerdictNamingTheServiceThatNeverReported() {
        java.time.Instant requested = java.time.Instant.parse("2026-12-02T10:00:00Z");
        ReleaseContext waiting = Releases.requestedAt(requested, Releases.newReleaseId(), List.of("api", "web"));
        List<Verified> sent = new ArrayList<>();
        VerificationStage stage = start(sent::add);
        stage.handle(rolledOut(waiting, "api"));

        assertThat(stage.expireOverdue(requested.plus(Duration.ofMinutes(119)))).as("before the deadline").isZero();
        assertThat(start(sent::add).expireOverdue(requested.plus(Duration.ofHours(3)))).as("after a restart").isEqualTo(1);
        assertThat(stage.expireOverdue(requested.plus(Duration.ofHours(4)))).isZero();
        start(sent::add).handle(rolledOut(waiting, "web"));

        assertThat(sent).singleElement().satisfies(verified -> {
            assertThat(verified.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(verified.checks()).isEmpty();
            assertThat(verified.diagnosis()).contains("1 of 2 services never reported").contains(
                    "no RolloutDone for service web within PT2H of the release's request (2026-12-02T10:00:00Z");
            assertThat(verified.services()).extracting(ServiceResult::service)
                    .containsExactly(ServiceName.of("api"), ServiceName.of("web"));
        });
        assertThat(apiRequests).as("no check runs for an overdue release").hasValue(0);
    }

    @Test
    void aFinishedReleaseIsForgottenAfterKeepFinishedAndARedeliveryThenVerifiesNothingAgain() {
        java.time.Instant requested = java.time.Instant.now();
        ReleaseContext finished = Releases.requestedAt(requested, Releases.newReleaseId(), List.of("api"));
        List<Verified> sent = new ArrayList<>();
        VerificationStage stage = start(sent::add);
        stage.handle(rolledOut(finished, "api"));
        assertThat(sent).hasSize(1);

        assertThat(stage.forgetFinished(requested.plus(Duration.ofHours(23)))).as("kept for a day").isZero();
        assertThat(start(sent::add).forgetFinished(requested.plus(Duration.ofHours(25)))).isEqualTo(1);

        KafkaProgressStore afterRestart = KafkaProgressStore.open(broker.clientProperties(), stateTopic);
        stores.add(afterRestart);
        assertThat(afterRestart.finished()).as("the tombstone is read back").isEmpty();
        assertThat(afterRestart.progress(finished.releaseId()).rollouts()).isEmpty();

        Clock dayLater = Clock.fixed(requested.plus(Duration.ofHours(25)), java.time.ZoneOffset.UTC);
        start(sent::add, dayLater).handle(rolledOut(finished, "api"));
        assertThat(sent).as("the redelivered RolloutDone of a forgotten release sends nothing").hasSize(1);
        assertThat(apiRequests).hasValue(0);
    }

    private VerificationStage start(VerifiedPublisher publisher) {
        return start(publisher, Clock.systemUTC());
    }

    private VerificationStage start(VerifiedPublisher publisher, Clock clock) {
        KafkaProgressStore store = KafkaProgressStore.open(broker.clientProperties(), stateTopic);
        stores.add(store);
        ReleaseChecks checks = new ReleaseChecks(List.of(
                new HttpEndpointCheck(TestProbes.vertx(), Clock.systemUTC(), Duration.ofMillis(200))));
        return new VerificationStage(store, checks, publisher, Duration.ofHours(2), Duration.ofDays(1), clock);
    }
}
