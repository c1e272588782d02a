package dev.slipway.rollout.decision;

import java.time.Duration;
import java.util.Optional;

/** Why a container did not come up, with what was seen: exit code, how long it ran, health output. */
public record StartupFailure(Kind kind, ContainerState state, Duration waited) {
    public enum Kind {
        /** It stopped on its own (or was killed). */
        EXITED,
        /** It stopped and the engine restarted it. */
        RESTARTED,
        /** Its HEALTHCHECK reports unhealthy. */
        UNHEALTHY,
        /** It did not count as up before the rollout timeout. */
        TIMED_OUT
    }

    public Optional<Duration> ranFor() {
        return state.ranFor();
    }
}
