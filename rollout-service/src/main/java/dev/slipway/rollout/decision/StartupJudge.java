package dev.slipway.rollout.decision;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides, from one observation of a container, whether it is up, failed or still starting.
 * A container is up once it has stayed running (and healthy, when its image has a HEALTHCHECK)
 * for the settle time since the watch began; it fails at once when it exits, restarts or turns
 * unhealthy, and when the timeout passes first.
 */
public final class StartupJudge {
    private final Duration settle;
    private final Duration timeout;

    public StartupJudge(Duration settle, Duration timeout) {
        if (settle.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("settle must be >= 0 and timeout > 0, got settle " + settle
                    + " and timeout " + timeout);
        }
        this.settle = settle;
        this.timeout = timeout;
    }

    /**
     * @param state         the container now
     * @param restartsAtStart the restart count seen when the watch began
     * @param watchStarted  when the watch began (our clock)
     * @param now           now (our clock)
     */
    public StartupVerdict judge(ContainerState state, int restartsAtStart, Instant watchStarted, Instant now) {
        Duration waited = Duration.between(watchStarted, now);
        switch (state.status()) {
            case EXITED, DEAD -> {
                return StartupVerdict.failed(StartupFailure.Kind.EXITED, state, waited);
            }
            case RESTARTING -> {
                return StartupVerdict.failed(StartupFailure.Kind.RESTARTED, state, waited);
            }
            default -> {
                // fall through to the checks below
            }
        }
        if (state.restartCount() > restartsAtStart) {
            return StartupVerdict.failed(StartupFailure.Kind.RESTARTED, state, waited);
        }
        if (state.health() == Health.UNHEALTHY) {
            return StartupVerdict.failed(StartupFailure.Kind.UNHEALTHY, state, waited);
        }
        boolean healthy = state.health() == Health.NONE || state.health() == Health.HEALTHY;
        if (state.isRunning() && healthy && waited.compareTo(settle) >= 0) {
            return StartupVerdict.up();
        }
        if (waited.compareTo(timeout) >= 0) {
            return StartupVerdict.failed(StartupFailure.Kind.TIMED_OUT, state, waited);
        }
        return StartupVerdict.waiting();
    }

    public Duration settle() {
        return settle;
    }

    public Duration timeout() {
        return timeout;
    }
}
