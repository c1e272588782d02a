package dev.slipway.builder.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.builder.TestRequests;
import dev.slipway.events.BuildRequested;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestAgeTest {
    private final Instant now = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void aRequestYoungerThanTheMaximumIsBuilt() {
        BuildRequested request = TestRequests.requestedAt(now.minus(Duration.ofHours(6)), "shop-1.0.0-0a1b2c3d", "1.0.0",
                TestRequests.service("api", "slipway-test/api", "services/api", "Dockerfile", java.util.Map.of()));

        assertThat(RequestAge.expired(request, now, Duration.ofHours(6))).isEmpty();
        assertThat(RequestAge.expired(request, now, null)).as("no limit").isEmpty();
    }

    @Test
    void anOlderRequestIsRefusedSayingHowOldItIsAndWhatToDo() {
        BuildRequested request = TestRequests.requestedAt(now.minus(Duration.ofDays(3).plusHours(2)), "shop-1.0.0-0a1b2c3d",
                "1.0.0", TestRequests.service("api", "slipway-test/api", "services/api", "Dockerfile", java.util.Map.of()));

        assertThat(RequestAge.expired(request, now, Duration.ofHours(6))).get().asString()
                .startsWith("release shop-1.0.0-0a1b2c3d was requested at 2026-11-29T10:00:00Z, 3 d 2 h ago, longer than "
                        + "slipway.builder.max-request-age (PT6H): not built")
                .endsWith("publish it again with slipway release");
    }
}
