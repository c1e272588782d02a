package dev.slipway.rollout.testing;

import dev.slipway.rollout.config.RolloutConfig;
import java.time.Duration;

/** Rollout settings for adapter tests: a short settle time, a fast poll. */
public record TestRolloutConfig(Duration settle, Duration pollInterval, int logLines, Duration stopTimeout)
        implements RolloutConfig {
    public static TestRolloutConfig fast() {
        return new TestRolloutConfig(Duration.ofMillis(700), Duration.ofMillis(50), 5, Duration.ofSeconds(1));
    }
}
