package dev.slipway.verifier.decision;

import dev.slipway.events.CheckResult;
import dev.slipway.events.plan.PodsRunningCheck;
import dev.slipway.kubernetes.observed.ObservedPod;
import java.util.List;

/**
 * Whether at least {@code minCount} pods matching the selector run with every container ready. Pods being
 * deleted (an old revision the kubelet is still stopping, for about as long as their grace period) are
 * neither counted nor held against the check: they are named apart as terminating.
 */
public final class PodsExpectation {
    public static final String KIND = "podsRunning";

    private PodsExpectation() {}

    public static String expected(PodsRunningCheck check) {
        return "at least " + check.minCount() + (check.minCount() == 1 ? " pod" : " pods") + " running and ready in namespace "
                + check.namespace() + " with selector " + check.selector();
    }

    public static CheckResult result(String name, PodsRunningCheck check, List<ObservedPod> pods) {
        if (pods.isEmpty()) {
            return new CheckResult(name, KIND, expected(check),
                    "no pods in namespace " + check.namespace() + " match " + check.selector(), false);
        }
        List<ObservedPod> live = pods.stream().filter(pod -> !pod.terminating()).toList();
        int terminating = pods.size() - live.size();
        long running = live.stream().filter(PodStates::runningAndReady).count();
        List<String> notRunning = live.stream().filter(pod -> !PodStates.runningAndReady(pod))
                .map(pod -> pod.name() + " (" + PodStates.whyNotRunning(pod) + ")").sorted().toList();
        String observed = running + " of " + live.size() + " running"
                + (terminating == 0 ? "" : " (" + terminating + " terminating, not counted)")
                + (notRunning.isEmpty() ? "" : "; not running: " + WorkloadExpectation.shortList(notRunning));
        return new CheckResult(name, KIND, expected(check), observed, running >= check.minCount());
    }
}
