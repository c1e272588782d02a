package dev.slipway.verifier.decision;

import dev.slipway.events.CheckResult;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.plan.NodesReadyCheck;
import dev.slipway.kubernetes.observed.Condition;
import dev.slipway.kubernetes.observed.ObservedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Whether every node of the cluster, or every named node, has the condition Ready=True. */
public final class NodesExpectation {
    public static final String KIND = "nodesReady";

    private NodesExpectation() {}

    public static String expected(NodesReadyCheck check) {
        return check.nodes().isEmpty() ? "every node of the cluster Ready"
                : (check.nodes().size() == 1 ? "node " : "nodes ")
                        + check.nodes().stream().map(NodeName::value).collect(Collectors.joining(", ")) + " Ready";
    }

    public static CheckResult result(String name, NodesReadyCheck check, List<ObservedNode> cluster) {
        Map<String, ObservedNode> byName = new TreeMap<>();
        cluster.forEach(node -> byName.put(node.name(), node));
        List<String> looked = check.nodes().isEmpty() ? new ArrayList<>(byName.keySet())
                : check.nodes().stream().map(NodeName::value).toList();
        if (looked.isEmpty()) {
            return new CheckResult(name, KIND, expected(check), "no nodes in the cluster", false);
        }
        List<String> notReady = new ArrayList<>();
        for (String node : looked) {
            ObservedNode seen = byName.get(node);
            if (seen == null) {
                notReady.add(node + " (not in the cluster)");
            } else {
                whyNotReady(seen).ifPresent(why -> notReady.add(node + " (" + why + ")"));
            }
        }
        int ready = looked.size() - notReady.size();
        String observed = ready + " of " + looked.size() + (looked.size() == 1 ? " node" : " nodes") + " Ready"
                + (notReady.isEmpty() ? ": " + String.join(", ", looked) : "; not ready: " + String.join(", ", notReady));
        return new CheckResult(name, KIND, expected(check), observed, notReady.isEmpty());
    }

    /** Empty when Ready=True; otherwise the Ready condition's status, reason and message. */
    static Optional<String> whyNotReady(ObservedNode node) {
        Optional<Condition> ready = node.condition("Ready");
        if (ready.isEmpty()) {
            return Optional.of("no Ready condition reported");
        }
        if ("True".equals(ready.get().status())) {
            return Optional.empty();
        }
        String detail = PodStates.withMessage(ready.get().reason(), ready.get().message());
        return Optional.of("Ready=" + ready.get().status() + (detail.isEmpty() ? "" : ", " + detail));
    }
}
