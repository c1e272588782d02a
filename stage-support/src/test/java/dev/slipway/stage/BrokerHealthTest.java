package dev.slipway.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class BrokerHealthTest {
    private Instant now = Instant.parse("2026-12-02T10:00:00Z");
    private final BrokerHealth health = new BrokerHealth(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void aFailingWriteIsReportedWithItsRootCauseUntilItSucceeds() {
        health.failed("image-built", new RuntimeException("send failed",
                new RecordTooLargeException("The request included a message larger than the max message size")));
        now = now.plusSeconds(3);
        health.failed("image-built", new RecordTooLargeException("again"));

        assertThat(health.failing()).containsOnlyKeys("image-built");
        BrokerHealth.Failing failing = health.failing().get("image-built");
        assertThat(failing.since()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(failing.attempts()).isEqualTo(2);
        assertThat(failing.lastError()).isEqualTo("RecordTooLargeException: again");

        health.succeeded("image-built");
        assertThat(health.failing()).isEmpty();
    }

    @Test
    void aRefusalIsReportedAsTheBrokerRefusingWhatTheUserMayNotDo() {
        health.explainRefusalsWith(failure -> failure.getCause() instanceof TopicAuthorizationException
                ? Optional.of("Kafka at k:9093 refused user slipway-builder access to topic slipway.verified") : Optional.empty());
        health.failed("verified", new RuntimeException("send failed", new TopicAuthorizationException(Set.of("slipway.verified"))));
        health.failed("image-built", new RecordTooLargeException("too large"));

        assertThat(health.failing().get("verified").lastError())
                .isEqualTo("Kafka at k:9093 refused user slipway-builder access to topic slipway.verified");
        assertThat(health.failing().get("image-built").lastError()).isEqualTo("RecordTooLargeException: too large");
    }

    @Test
    void onlyAWriteFailingForTheWholeGraceCountsAsStuck() {
        health.failed("verified", new IllegalStateException("timeout"));
        now = now.plus(Duration.ofSeconds(119));
        assertThat(health.failingLongerThan(Duration.ofMinutes(2))).isEmpty();

        now = now.plus(Duration.ofSeconds(1));
        assertThat(health.failingLongerThan(Duration.ofMinutes(2))).get()
                .satisfies(entry -> assertThat(entry.getKey()).isEqualTo("verified"));
    }
}
