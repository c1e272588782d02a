package dev.slipway.rollout.decision;

import dev.slipway.kubernetes.observed.ObservedEvent;
import dev.slipway.kubernetes.observed.ObservedNode;
import dev.slipway.kubernetes.observed.ObservedPod;
import dev.slipway.kubernetes.observed.ObservedReplicaSet;
import dev.slipway.kubernetes.observed.ObservedWorkload;
import java.util.List;

/**
 * What the cluster shows about one workload at one instant: the Deployment or StatefulSet (null
 * once deleted), the pods its selector matches, its ReplicaSets (Deployments only), the
 * FailedScheduling events of those pods, and the nodes (whether each is Ready).
 */
public record WorkloadSnapshot(ObservedWorkload workload, List<ObservedPod> pods, List<ObservedReplicaSet> replicaSets,
        List<ObservedEvent> events, List<ObservedNode> nodes) {
    public WorkloadSnapshot {
        pods = List.copyOf(pods);
        replicaSets = List.copyOf(replicaSets);
        events = List.copyOf(events);
        nodes = List.copyOf(nodes);
    }

    public WorkloadSnapshot(ObservedWorkload workload, List<ObservedPod> pods, List<ObservedReplicaSet> replicaSets,
            List<ObservedEvent> events) {
        this(workload, pods, replicaSets, events, List.of());
    }
}
