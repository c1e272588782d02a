package dev.slipway.verifier.kubernetes;

import dev.slipway.events.names.KubeName;
import dev.slipway.kubernetes.observed.ObservedClaim;
import dev.slipway.kubernetes.observed.ObservedNode;
import dev.slipway.kubernetes.observed.ObservedPod;
import dev.slipway.kubernetes.observed.ObservedWorkload;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Optional;

/**
 * What the Kubernetes checks read from the cluster, and nothing more (deploy/ grants exactly these:
 * get deployments and statefulsets, list pods and persistentvolumeclaims in a namespace, list nodes), as the narrow
 * records of {@code dev.slipway.kubernetes.observed}.
 * Throws {@link dev.slipway.kubernetes.ClusterConfigException} when no cluster is configured and
 * {@link io.fabric8.kubernetes.client.KubernetesClientException} when the API server refuses or fails.
 */
public interface ClusterReader {
    List<ObservedNode> nodes();

    Optional<ObservedWorkload> deployment(KubeName namespace, KubeName name);

    Optional<ObservedWorkload> statefulSet(KubeName namespace, KubeName name);

    /** Pods matching a label selector in its string form ({@code app=peer,tier!=test}). */
    List<ObservedPod> pods(KubeName namespace, String selector);

    /** Pods matching a workload's selector. */
    List<ObservedPod> pods(KubeName namespace, LabelSelector selector);

    List<ObservedClaim> claims(KubeName namespace);
}
