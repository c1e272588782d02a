package dev.slipway.rollout.decision;

import dev.slipway.kubernetes.RolloutStatus;
import dev.slipway.kubernetes.observed.ObservedPod;
import java.util.List;
import java.util.Optional;

/**
 * One look at a workload during its rollout: done (kubectl's rollout-status predicate holds),
 * failed (a pod of the new revision shows a state it will not leave, or the Deployment's progress
 * deadline passed), gone (deleted), or still waiting (with what for).
 */
public final class RolloutJudge {
    public enum State { DONE, WAITING, FAILED, GONE }

    public record Verdict(State state, String status, Optional<RolloutFailure> failure, List<ObservedPod> newPods) {}

    private RolloutJudge() {}

    public static Verdict judge(WorkloadSnapshot snapshot) {
        if (snapshot.workload() == null) {
            return new Verdict(State.GONE, "deleted", Optional.empty(), List.of());
        }
        List<ObservedPod> newPods = Revisions.newPods(snapshot);
        Optional<RolloutFailure> failure = PodFailures.firstOf(newPods, snapshot.events(), snapshot.nodes());
        if (failure.isEmpty()) {
            failure = RolloutStatus.progressDeadlineExceeded(snapshot.workload())
                    .map(m -> new RolloutFailure(null, null, null, "ProgressDeadlineExceeded", m, false, false, List.of()));
        }
        RolloutStatus.Progress progress = RolloutStatus.of(snapshot.workload());
        if (failure.isPresent()) {
            return new Verdict(State.FAILED, progress.status(), failure, newPods);
        }
        return new Verdict(progress.done() ? State.DONE : State.WAITING, progress.status(), Optional.empty(), newPods);
    }
}
