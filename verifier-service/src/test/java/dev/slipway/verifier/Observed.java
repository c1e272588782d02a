package dev.slipway.verifier;

import dev.slipway.kubernetes.observed.ObservedClaim;
import dev.slipway.kubernetes.observed.ObservedNode;
import dev.slipway.kubernetes.observed.ObservedObjects;
import dev.slipway.kubernetes.observed.ObservedPod;
import dev.slipway.kubernetes.observed.ObservedWorkload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * {@link ClusterObjects} are built with fabric8's builders; the verifier reads them as the narrow records of
 * {@code dev.slipway.kubernetes.observed}, through their JSON, as from the API server.
 */
public final class Observed {
    private Observed() {}

    public static ObservedWorkload workload(HasMetadata workload) {
        return ObservedObjects.read(workload, ObservedWorkload.class);
    }

    public static List<ObservedPod> pods(List<Pod> pods) {
        return ObservedObjects.readAll(pods, ObservedPod.class);
    }

    public static List<ObservedNode> nodes(List<Node> nodes) {
        return ObservedObjects.readAll(nodes, ObservedNode.class);
    }

    public static List<ObservedClaim> claims(List<PersistentVolumeClaim> claims) {
        return ObservedObjects.readAll(claims, ObservedClaim.class);
    }
}
