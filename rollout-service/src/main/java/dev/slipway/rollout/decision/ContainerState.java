package dev.slipway.rollout.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the engine says about a container at one moment: status, exit code, when it started and
 * finished (engine clock), how often it restarted, its health and the last health-check output.
 */
public record ContainerState(ContainerStatus status, int exitCode, Instant startedAt, Instant finishedAt,
        int restartCount, boolean oomKilled, Health health, String healthOutput, String error) {

    public static ContainerState running(Instant startedAt) {
        return new ContainerState(ContainerStatus.RUNNING, 0, startedAt, null, 0, false, Health.NONE, null, null);
    }

    public boolean isRunning() {
        return status == ContainerStatus.RUNNING;
    }

    /** How long the container ran before it stopped, when the engine reported both times. */
    public Optional<Duration> ranFor() {
        if (startedAt == null || finishedAt == null) {
            return Optional.empty();
        }
        // a process that exits at once can be stamped finished before the engine stamps it started
        return Optional.of(finishedAt.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, finishedAt));
    }
}
