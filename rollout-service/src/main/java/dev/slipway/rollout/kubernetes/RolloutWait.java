package dev.slipway.rollout.kubernetes;

import dev.slipway.rollout.decision.RolloutJudge;
import dev.slipway.rollout.decision.RolloutJudge.State;
import dev.slipway.rollout.decision.RolloutJudge.Verdict;
import dev.slipway.rollout.decision.WorkloadSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Waits on a {@link WorkloadWatch} like {@code kubectl rollout status}: re-judges the workload on
 * every change the watch reports (never on a timer) until it is done, failed or gone, or the
 * deadline passes. States older than the generation the rollout's patch produced are ignored, so a
 * cache that has not seen the patch yet cannot say "done".
 */
final class RolloutWait {
    /** What a wait ended with: the last verdict seen, whether the deadline passed first, and the last state. */
    record Waited(Verdict verdict, boolean timedOut, WorkloadSnapshot snapshot) {}

    private final Clock clock;

    RolloutWait(Clock clock) {
        this.clock = clock;
    }

    Waited until(WorkloadWatch watch, long generation, Instant deadline) throws InterruptedException {
        Verdict last = new Verdict(State.WAITING, "the controller has not seen the new spec yet", Optional.empty(), List.of());
        while (true) {
            long seen = watch.version();
            WorkloadSnapshot snapshot = watch.snapshot();
            if (snapshot.workload() == null || snapshot.workload().generation() >= generation) {
                last = RolloutJudge.judge(snapshot);
                if (last.state() != State.WAITING) {
                    return new Waited(last, false, snapshot);
                }
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return new Waited(last, true, snapshot);
            }
            watch.awaitChange(seen, left);
        }
    }
}
