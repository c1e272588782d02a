package dev.slipway.rollout.decision;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;

/**
 * What the cluster shows about one workload at one instant: the Deployment or StatefulSet (null
 * once deleted), the pods its selector matches, its ReplicaSets (Deployments only), the
 * FailedScheduling events of those pods, and the nodes (whether each is Ready).
 */
public record WorkloadSnapshot(HasMetadata workload, List<Pod> pods, List<ReplicaSet> replicaSets, List<Event> events,
        List<Node> nodes) {
    public WorkloadSnapshot {
        pods = List.copyOf(pods);
        replicaSets = List.copyOf(replicaSets);
        events = List.copyOf(events);
        nodes = List.copyOf(nodes);
    }

    public WorkloadSnapshot(HasMetadata workload, List<Pod> pods, List<ReplicaSet> replicaSets, List<Event> events) {
        this(workload, pods, replicaSets, events, List.of());
    }
}
