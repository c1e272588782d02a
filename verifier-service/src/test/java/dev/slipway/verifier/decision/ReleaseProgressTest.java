package dev.slipway.verifier.decision;

import static dev.slipway.verifier.Releases.context;
import static dev.slipway.verifier.Releases.failed;
import static dev.slipway.verifier.Releases.rolledOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.InvalidEventException;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ServiceName;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseProgressTest {
    private final ReleaseId id = ReleaseId.of("shop-1");
    private final ReleaseContext release = context(id, List.of("api", "web"));

    @Test
    void waitsUntilEveryServiceOfTheReleaseHasItsRolloutDone() {
        ReleaseProgress progress = ReleaseProgress.none(id);
        assertThat(progress.complete()).isFalse();

        progress = progress.with(rolledOut(release, "web"));
        assertThat(progress.complete()).isFalse();
        assertThat(progress.missingServices()).containsExactly(ServiceName.of("api"));

        progress = progress.with(rolledOut(release, "api"));
        assertThat(progress.complete()).isTrue();
        assertThat(progress.rolledOut().rollouts().keySet())
                .as("rows follow the release's order, not arrival")
                .containsExactly(ServiceName.of("api"), ServiceName.of("web"));
    }

    @Test
    void aRedeliveredRolloutDoneReplacesTheEarlierOneOfItsService() {
        ReleaseProgress progress = ReleaseProgress.none(id)
                .with(failed(release, "api", "container exited"))
                .with(rolledOut(release, "api"));

        assertThat(progress.rollouts()).hasSize(1);
        assertThat(progress.rollout(ServiceName.of("api")).orElseThrow().outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
    }

    @Test
    void refusesARolloutDoneForAServiceOutsideTheRelease() {
        ReleaseContext other = context(id, List.of("api", "web", "db"));
        assertThatThrownBy(() -> ReleaseProgress.none(id).with(rolledOut(release, "db")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("service 'db', which is not among the release's services [api, web]");
        assertThatThrownBy(() -> ReleaseProgress.none(id).with(rolledOut(release, "api")).with(rolledOut(other, "db")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("lists services [api, web, db], earlier events of the release list [api, web]");
    }

    @Test
    void onceSentKeepsOnlyTheVerdict() {
        ReleaseProgress complete = ReleaseProgress.none(id).with(rolledOut(release, "api")).with(rolledOut(release, "web"));
        Verified verdict = VerdictRules.decide(complete.rolledOut(), List.of());

        ReleaseProgress decided = complete.decided(verdict);
        assertThat(decided.emitted()).isFalse();
        assertThat(decided.rollouts()).hasSize(2);

        ReleaseProgress sent = decided.sent();
        assertThat(sent.emitted()).isTrue();
        assertThat(sent.verified()).isEqualTo(verdict);
        assertThat(sent.rollouts()).isEmpty();
    }
}
