package dev.slipway.verifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The verifier's own settings ({@code slipway.verifier.*}). */
@ConfigMapping(prefix = "slipway.verifier")
public interface VerifierConfig {
    /**
     * The compacted topic holding each release's progress (key = release id), read to the end at
     * startup so the wait for a release's services survives a restart.
     */
    @WithDefault("slipway.verifier-state")
    String stateTopic();

    /** The pause between attempts of an HTTP check whose answer is not yet the expected one. */
    @WithDefault("500ms")
    Duration httpRetryInterval();
}
