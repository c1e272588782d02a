package dev.slipway.verifier.state;

import static dev.slipway.verifier.Releases.context;
import static dev.slipway.verifier.Releases.failed;
import static dev.slipway.verifier.Releases.rolledOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.CheckResult;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.verifier.decision.ReleaseProgress;
import dev.slipway.verifier.decision.VerdictRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressCodecTest {
    private final ProgressCodec codec = new ProgressCodec();
    private final ReleaseContext release = context(ReleaseId.of("shop-3"), List.of("api", "web"));

    @Test
    void readsBackWhatItWroteAtEveryStep() {
        ReleaseProgress waiting = ReleaseProgress.none(release.releaseId()).with(rolledOut(release, "api"));
        ReleaseProgress complete = waiting.with(failed(release, "web", "web exited with code 3"));
        ReleaseProgress decided = complete.decided(VerdictRules.decide(complete.rolledOut(),
                List.of(new CheckResult("api answers", "http", "status 401", "status 401, body {}", true))));

        for (ReleaseProgress progress : List.of(waiting, complete, decided, decided.sent())) {
            assertThat(codec.decode(codec.encode(progress))).isEqualTo(progress);
        }
        assertThat(codec.encode(waiting)).startsWith("{\"format\":1,\"releaseId\":\"shop-3\"");
    }

    @Test
    void refusesARecordOfAnotherFormat() {
        assertThatThrownBy(() -> codec.decode("{\"format\":2,\"releaseId\":\"shop-3\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("state format 2, this verifier reads format 1");
    }
}
