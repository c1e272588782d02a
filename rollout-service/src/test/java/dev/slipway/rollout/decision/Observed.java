package dev.slipway.rollout.decision;

import dev.slipway.kubernetes.observed.ObservedEvent;
import dev.slipway.kubernetes.observed.ObservedNode;
import dev.slipway.kubernetes.observed.ObservedObjects;
import dev.slipway.kubernetes.observed.ObservedPod;
import dev.slipway.kubernetes.observed.ObservedReplicaSet;
import dev.slipway.kubernetes.observed.ObservedWorkload;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;

/**
 * The tests build objects with fabric8's builders, as a reader of the Kubernetes API knows them; the rollout reads
 * them as the narrow records of {@code dev.slipway.kubernetes.observed}, through their JSON, as from the API server.
 */
public final class Observed {
    private Observed() {}

    public static ObservedWorkload workload(HasMetadata workload) {
        return ObservedObjects.read(workload, ObservedWorkload.class);
    }

    public static ObservedPod pod(Pod pod) {
        return ObservedObjects.read(pod, ObservedPod.class);
    }

    public static List<ObservedPod> pods(List<Pod> pods) {
        return ObservedObjects.readAll(pods, ObservedPod.class);
    }

    public static ObservedReplicaSet replicaSet(ReplicaSet replicaSet) {
        return ObservedObjects.read(replicaSet, ObservedReplicaSet.class);
    }

    public static List<ObservedReplicaSet> replicaSets(List<ReplicaSet> replicaSets) {
        return ObservedObjects.readAll(replicaSets, ObservedReplicaSet.class);
    }

    public static List<ObservedEvent> events(List<Event> events) {
        return ObservedObjects.readAll(events, ObservedEvent.class);
    }

    public static List<ObservedNode> nodes(List<Node> nodes) {
        return ObservedObjects.readAll(nodes, ObservedNode.class);
    }

    /** The snapshot of a workload (null once deleted) with its pods, ReplicaSets, events and nodes. */
    public static WorkloadSnapshot snapshot(HasMetadata workload, List<Pod> pods, List<ReplicaSet> replicaSets,
            List<Event> events, List<Node> nodes) {
        return new WorkloadSnapshot(workload == null ? null : workload(workload), pods(pods), replicaSets(replicaSets),
                events(events), nodes(nodes));
    }
}
