package dev.slipway.verifier.decision;

import static dev.slipway.verifier.Releases.context;
import static dev.slipway.verifier.Releases.failed;
import static dev.slipway.verifier.Releases.rolledOut;
import static dev.slipway.verifier.Releases.skipped;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.CheckResult;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.ServiceResult;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ServiceName;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictRulesTest {
    private final ReleaseContext release = context(ReleaseId.of("shop-7"), List.of("api", "web", "worker"));
    private final CheckResult apiAnswers = new CheckResult("api answers", "http",
            "GET http://127.0.0.1:18081/api answers status 401 within 5s", "status 401, body {\"error\":\"Unauthorized\"}", true);
    private final CheckResult webAnswers = new CheckResult("web answers", "http",
            "GET http://127.0.0.1:18082/ answers status 200 within 5s", "connection refused to 127.0.0.1:18082", false);

    @Test
    void passesWhenEveryServiceRolledOutAndEveryCheckPassed() {
        Verified verified = VerdictRules.decide(complete(rolledOut(release, "api"), rolledOut(release, "web"),
                rolledOut(release, "worker")), List.of(apiAnswers));

        assertThat(verified.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(verified.diagnosis()).isNull();
        assertThat(verified.services()).extracting(ServiceResult::outcome).containsOnly(RolloutOutcome.ROLLED_OUT);
        assertThat(verified.checks()).containsExactly(apiAnswers);
        assertThat(EventCodec.instance().validate(EventType.VERIFIED, EventCodec.instance().encode(verified))).isNull();
    }

    @Test
    void failsNamingTheFailedServicesBeforeTheFailedChecks() {
        Verified verified = VerdictRules.decide(complete(
                        rolledOut(release, "api"),
                        failed(release, "web", "service web on node node-1: container exited with code 1; last log line: boom"),
                        skipped(release, "worker", "image of worker was not distributed: build failed")),
                List.of(apiAnswers, webAnswers));

        assertThat(verified.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(verified.diagnosis()).isEqualTo("""
                release shop-7 (shop 2.1.0) FAILED: 2 of 3 services did not roll out and 1 of 2 checks failed
                - service web FAILED: service web on node node-1: container exited with code 1; last log line: boom
                - service worker SKIPPED: image of worker was not distributed: build failed
                - http check 'web answers' failed: expected GET http://127.0.0.1:18082/ answers status 200 within 5s; \
                observed connection refused to 127.0.0.1:18082""");
        assertThat(verified.services()).extracting(ServiceResult::service)
                .containsExactly(ServiceName.of("api"), ServiceName.of("web"), ServiceName.of("worker"));
        assertThat(EventCodec.instance().validate(EventType.VERIFIED, EventCodec.instance().encode(verified))).isNull();
    }

    @Test
    void failsWhenAServiceDidNotRollOutEvenThoughEveryCheckPassed() {
        Verified verified = VerdictRules.decide(complete(rolledOut(release, "api"), rolledOut(release, "web"),
                failed(release, "worker", "worker crashed")), List.of(apiAnswers));

        assertThat(verified.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(verified.diagnosis()).startsWith("release shop-7 (shop 2.1.0) FAILED: 1 of 3 services did not roll out\n")
                .contains("- service worker FAILED: worker crashed");
        assertThat(verified.checks()).containsExactly(apiAnswers);
    }

    @Test
    void failsWhenACheckFailedThoughEveryServiceRolledOut() {
        Verified verified = VerdictRules.decide(complete(rolledOut(release, "api"), rolledOut(release, "web"),
                rolledOut(release, "worker")), List.of(apiAnswers, webAnswers));

        assertThat(verified.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(verified.diagnosis()).startsWith("release shop-7 (shop 2.1.0) FAILED: 1 of 2 checks failed\n")
                .contains("http check 'web answers' failed");
    }

    private RolledOutRelease complete(dev.slipway.events.RolloutDone... rollouts) {
        ReleaseProgress progress = ReleaseProgress.none(release.releaseId());
        for (var done : rollouts) {
            progress = progress.with(done);
        }
        return progress.rolledOut();
    }
}
