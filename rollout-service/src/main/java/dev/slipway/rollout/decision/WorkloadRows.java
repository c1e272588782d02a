package dev.slipway.rollout.decision;

import dev.slipway.events.NodeResult;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.names.InvalidNameException;
import dev.slipway.events.names.NodeName;
import dev.slipway.kubernetes.observed.ObservedPod;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The RolloutDone rows of a Kubernetes workload: one per node that runs a pod of it or that
 * image-distributed reported on, in name order, all with the workload's outcome. The diagnosis is
 * on the failing pod's node (the first row when that pod has no node).
 */
public final class WorkloadRows {
    private WorkloadRows() {}

    public static List<NodeRollout> of(RolloutOutcome outcome, WorkloadRef workload, List<ObservedPod> pods,
            List<NodeResult> distribution, String failedNode, String diagnosis) {
        TreeSet<String> nodes = new TreeSet<>();
        pods.stream().map(ObservedPod::nodeName).filter(n -> n != null).forEach(nodes::add);
        distribution.forEach(r -> nodes.add(r.node().value()));
        if (failedNode != null) {
            nodes.add(failedNode);
        }
        String diagnosed = failedNode != null ? failedNode : nodes.isEmpty() ? null : nodes.first();
        List<NodeRollout> rows = new ArrayList<>();
        for (String node : nodes) {
            NodeName name;
            try {
                name = NodeName.of(node);
            } catch (InvalidNameException e) {
                continue;
            }
            rows.add(new NodeRollout(name, outcome, workload.toString(), node.equals(diagnosed) ? diagnosis : null));
        }
        return rows;
    }
}
