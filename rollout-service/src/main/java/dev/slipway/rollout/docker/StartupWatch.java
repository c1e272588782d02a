package dev.slipway.rollout.docker;

import dev.slipway.rollout.decision.ContainerState;
import dev.slipway.rollout.decision.StartupJudge;
import dev.slipway.rollout.decision.StartupVerdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Watches a started container by reading its state every poll interval and asking the
 * {@link StartupJudge} until it is up or has failed. A container that disappears while watched
 * is an error the caller reports.
 */
public final class StartupWatch {
    private final Clock clock;
    private final Duration pollInterval;

    public StartupWatch(Clock clock, Duration pollInterval) {
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    public StartupVerdict await(NodeContainers containers, String containerId, StartupJudge judge) {
        Instant started = clock.instant();
        int restartsAtStart = read(containers, containerId).restartCount();
        while (true) {
            ContainerState state = read(containers, containerId);
            StartupVerdict verdict = judge.judge(state, restartsAtStart, started, clock.instant());
            if (!(verdict instanceof StartupVerdict.Waiting)) {
                return verdict;
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for container " + containerId, e);
            }
        }
    }

    private static ContainerState read(NodeContainers containers, String containerId) {
        return containers.state(containerId).orElseThrow(() -> new IllegalStateException(
                "container " + containerId + " disappeared while it was starting (removed by someone else?)"));
    }
}
