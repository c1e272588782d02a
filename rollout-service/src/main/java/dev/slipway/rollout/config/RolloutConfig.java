package dev.slipway.rollout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the rollout watches a new container come up. The timeout comes from the release's RolloutPolicy. */
@ConfigMapping(prefix = "slipway.rollout")
public interface RolloutConfig {
    /** How long a new container must stay running (and healthy, if it has a HEALTHCHECK) before it counts as up. */
    @WithDefault("2s")
    Duration settle();

    /** How often the container's state is read while waiting. */
    @WithDefault("100ms")
    Duration pollInterval();

    /** How many of the failed container's last log lines go into the diagnosis. */
    @WithDefault("5")
    int logLines();

    /** How long the old container gets to stop before it is killed. */
    @WithDefault("10s")
    Duration stopTimeout();
}
