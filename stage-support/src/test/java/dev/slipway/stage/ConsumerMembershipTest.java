package dev.slipway.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsumerMembershipTest {
    private static final Map<String, Object> CONSUMER = Map.of("group.id", "slipway-rollout", "bootstrap.servers", "b:9092");

    @Test
    void aNamedReplicaIsAStaticMemberWithAShortSession() {
        assertThat(ConsumerMembership.settings("image-distributed", CONSUMER, Optional.of("slipway-rollout-0"),
                Duration.ofSeconds(10))).containsExactly(
                        Map.entry("group.instance.id", "slipway-rollout-0.image-distributed"),
                        Map.entry("session.timeout.ms", "10000"),
                        Map.entry("heartbeat.interval.ms", "3333"));
    }

    @Test
    void withoutANameTheConsumerStaysDynamicAndAProducerIsLeftAlone() {
        assertThat(ConsumerMembership.settings("image-distributed", CONSUMER, Optional.of("  "), Duration.ofSeconds(10)))
                .doesNotContainKey("group.instance.id").containsKey("session.timeout.ms");
        assertThat(ConsumerMembership.settings("rollout-done", Map.of("bootstrap.servers", "b:9092"),
                Optional.of("slipway-rollout-0"), Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void whatIsConfiguredExplicitlyWins() {
        Map<String, Object> explicit = Map.of("group.id", "g", "session.timeout.ms", "45000", "group.instance.id", "mine");

        assertThat(ConsumerMembership.settings("c", explicit, Optional.of("pod-1"), Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void aNameKafkaCannotTakeOrASessionBelowTheBrokersMinimumIsRefused() {
        assertThatThrownBy(() -> ConsumerMembership.settings("c", CONSUMER, Optional.of("pod 1; rm"), Duration.ofSeconds(10)))
                .hasMessageContaining("cannot name a Kafka group member");
        assertThatThrownBy(() -> ConsumerMembership.settings("c", CONSUMER, Optional.empty(), Duration.ofSeconds(2)))
                .hasMessageContaining("below the broker's smallest");
    }
}
