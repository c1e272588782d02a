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

    /**
     * How long after a release was requested the verifier waits for all its services' RolloutDone; a release
     * still waiting then gets a FAILED verdict naming the services that never reported.
     */
    @WithDefault("PT2H")
    Duration releaseDeadline();

    /**
     * How long after a release was requested its state is kept once its Verified is sent; then it is dropped
     * (a tombstone on the state topic), and a RolloutDone of a release requested longer ago that finds no state is
     * ignored, so a replayed topic verifies nothing twice. At least {@code release-deadline}.
     */
    @WithDefault("P1D")
    Duration keepFinished();

    /** How often the verifier looks for releases past their deadline and finished ones to forget. */
    @WithDefault("PT15S")
    Duration deadlineCheckInterval();

    /** The pause between attempts of an HTTP check whose answer is not yet the expected one. */
    @WithDefault("500ms")
    Duration httpRetryInterval();
}
