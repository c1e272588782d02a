package dev.slipway.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    @Test
    void waitsDoubleFromTheFirstUpToTheMaximum() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));

        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.after(6)).isEqualTo(Duration.ofMillis(3200));
        assertThat(backoff.after(7)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.after(10_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aMaximumBelowTheFirstWaitIsRefused() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(1), Duration.ofMillis(10)))
                .hasMessageContaining("0 < first <= max");
    }
}
