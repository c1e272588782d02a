package dev.slipway.verifier.decision;

import dev.slipway.events.CheckResult;
import dev.slipway.events.plan.PodsRunningCheck;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** Whether at least {@code minCount} pods matching the selector run with every container ready. */
public final class PodsExpectation {
    public static final String KIND = "podsRunning";

    private PodsExpectation() {}

    public static String expected(PodsRunningCheck check) {
        return "at least " + check.minCount() + (check.minCount() == 1 ? " pod" : " pods") + " running and ready in namespace "
                + check.namespace() + " with selector " + check.selector();
    }

    public static CheckResult result(String name, PodsRunningCheck check, List<Pod> pods) {
        if (pods.isEmpty()) {
            return new CheckResult(name, KIND, expected(check),
                    "no pods in namespace " + check.namespace() + " match " + check.selector(), false);
        }
        long running = pods.stream().filter(PodStates::runningAndReady).count();
        List<String> notRunning = pods.stream().filter(pod -> !PodStates.runningAndReady(pod))
                .map(pod -> pod.getMetadata().getName() + " (" + PodStates.whyNotRunning(pod) + ")").sorted().toList();
        String observed = running + " of " + pods.size() + " running"
                + (notRunning.isEmpty() ? "" : "; not running: " + WorkloadExpectation.shortList(notRunning));
        return new CheckResult(name, KIND, expected(check), observed, running >= check.minCount());
    }
}
