package dev.slipway.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerReconnectTest {
    @Test
    void aClientTriesALostBrokerAgainAtLeastEverySecondInsteadOfSmallRyesTen() {
        assertThat(BrokerReconnect.settings(false, Duration.ofSeconds(1)))
                .containsExactly(Map.entry("reconnect.backoff.max.ms", "1000"));
        assertThat(BrokerReconnect.settings(false, Duration.ofMillis(2500)))
                .containsExactly(Map.entry("reconnect.backoff.max.ms", "2500"));
    }

    @Test
    void whatTheChannelConfiguresWins() {
        assertThat(BrokerReconnect.settings(true, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aCeilingBelowTheFirstWaitIsRefused() {
        assertThatThrownBy(() -> BrokerReconnect.settings(false, Duration.ofMillis(10)))
                .hasMessageContaining("below the Kafka client's first wait");
    }
}
