package dev.slipway.rollout.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.ReleaseContext;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.RolloutPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupersessionTest {
    private static final ServiceName API = ServiceName.of("api");
    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");
    private final AppliedRelease running = new AppliedRelease(ReleaseId.of("shop-2.0.0-0a1b2c3d"), T, "Deployment shop/api");

    @Test
    void aReleaseRequestedBeforeTheOneRunningIsSuperseded() {
        assertThat(Supersession.of(release("shop-1.9.0-0a1b2c3d", T.minusSeconds(1)), API, running)).contains(
                "not rolled out: superseded by release shop-2.0.0-0a1b2c3d (requested at 2026-12-02T10:00:00Z, after this "
                        + "release's 2026-12-02T09:59:59Z), which Deployment shop/api already runs; releases of a service "
                        + "only move forward, nothing was changed for api");
    }

    @Test
    void aLaterReleaseTheSameReleaseAgainOrOneWithoutItsTimeGoesAhead() {
        assertThat(Supersession.of(release("shop-2.1.0-0a1b2c3d", T.plusSeconds(1)), API, running)).isEmpty();
        assertThat(Supersession.of(release("shop-2.0.0-0a1b2c3d", T), API, running)).as("a redelivery").isEmpty();
        assertThat(Supersession.of(release("shop-1.9.0-0a1b2c3d", null), API, running)).as("an older event").isEmpty();
    }

    @Test
    void anUnreadableRecordIsNoRecord() {
        assertThat(AppliedRelease.of("shop-2.0.0-0a1b2c3d", "yesterday", "x")).isEmpty();
        assertThat(AppliedRelease.of(null, T.toString(), "x")).isEmpty();
        assertThat(AppliedRelease.of("shop-2.0.0-0a1b2c3d", T.toString(), "x")).contains(
                new AppliedRelease(ReleaseId.of("shop-2.0.0-0a1b2c3d"), T, "x"));
    }

    private static ReleaseContext release(String id, Instant requestedAt) {
        return new ReleaseContext(ReleaseId.of(id), ReleaseName.of("shop"), Version.of(id.split("-")[1]), List.of(API),
                RolloutPolicy.DEFAULT, List.of(), null, requestedAt);
    }
}
