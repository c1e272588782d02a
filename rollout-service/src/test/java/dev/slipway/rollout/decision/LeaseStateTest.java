package dev.slipway.rollout.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.rollout.decision.LeaseState.Verdict;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LeaseStateTest {
    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");
    private static final String ME = "slipway-rollout-0/shop-2.1.0-0a1b2c3d";
    private static final String OTHER = "slipway-rollout-1/shop-2.2.0-0a1b2c3d";

    @Test
    void heldByAnotherUntilRenewTimePlusDuration() {
        LeaseState state = LeaseState.of(lease(OTHER, T, 300));
        assertThat(state.expiresAt()).contains(T.plusSeconds(300));
        assertThat(state.judge(ME, T.plusSeconds(1))).isEqualTo(Verdict.HELD);
        assertThat(state.judge(ME, T.plusSeconds(300))).isEqualTo(Verdict.HELD);
        assertThat(state.judge(ME, T.plusSeconds(301))).as("its holder is gone").isEqualTo(Verdict.FREE);
    }

    @Test
    void ourOwnEvenExpiredIsOursAndANameOfTheSameReplicaForAnotherReleaseIsNot() {
        assertThat(LeaseState.of(lease(ME, T, 300)).judge(ME, T.plusSeconds(10))).isEqualTo(Verdict.OURS);
        assertThat(LeaseState.of(lease(ME, T, 300)).judge(ME, T.plusSeconds(1000))).isEqualTo(Verdict.OURS);
        assertThat(LeaseState.of(lease("slipway-rollout-0/shop-2.0.0-0a1b2c3d", T, 300)).judge(ME, T.plusSeconds(10)))
                .isEqualTo(Verdict.HELD);
    }

    @Test
    void noHolderOrNoTimesCannotHold() {
        assertThat(LeaseState.of(lease(null, T, 300)).judge(ME, T)).isEqualTo(Verdict.FREE);
        assertThat(LeaseState.of(lease("", T, 300)).judge(ME, T)).isEqualTo(Verdict.FREE);
        assertThat(LeaseState.of(new LeaseBuilder().withNewMetadata().withName("x").endMetadata().build()).judge(ME, T))
                .isEqualTo(Verdict.FREE);
        Lease noRenew = new LeaseBuilder().withNewSpec().withHolderIdentity(OTHER).withLeaseDurationSeconds(300).endSpec().build();
        assertThat(LeaseState.of(noRenew).judge(ME, T)).isEqualTo(Verdict.FREE);
        Lease acquiredOnly = new LeaseBuilder().withNewSpec().withHolderIdentity(OTHER).withLeaseDurationSeconds(300)
                .withAcquireTime(T.atZone(ZoneOffset.UTC)).endSpec().build();
        assertThat(LeaseState.of(acquiredOnly).judge(ME, T.plusSeconds(5))).isEqualTo(Verdict.HELD);
        assertThat(LeaseState.of(acquiredOnly)).isEqualTo(new LeaseState(OTHER, T, Duration.ofSeconds(300)));
    }

    private static Lease lease(String holder, Instant renewed, int seconds) {
        return new LeaseBuilder().withNewMetadata().withName("slipway-deployment-api").endMetadata().withNewSpec()
                .withHolderIdentity(holder).withRenewTime(renewed.atZone(ZoneOffset.UTC)).withLeaseDurationSeconds(seconds)
                .endSpec().build();
    }
}
