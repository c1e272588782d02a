package dev.slipway.verifier.kubernetes;

import dev.slipway.events.names.KubeName;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Optional;

/**
 * What the Kubernetes checks read from the cluster, and nothing more (deploy/ grants exactly these:
 * get deployments and statefulsets, list pods and persistentvolumeclaims in a namespace, list nodes).
 * Throws {@link dev.slipway.kubernetes.ClusterConfigException} when no cluster is configured and
 * {@link io.fabric8.kubernetes.client.KubernetesClientException} when the API server refuses or fails.
 */
public interface ClusterReader {
    List<Node> nodes();

    Optional<Deployment> deployment(KubeName namespace, KubeName name);

    Optional<StatefulSet> statefulSet(KubeName namespace, KubeName name);

    /** Pods matching a label selector in its string form ({@code app=peer,tier!=test}). */
    List<Pod> pods(KubeName namespace, String selector);

    /** Pods matching a workload's selector. */
    List<Pod> pods(KubeName namespace, LabelSelector selector);

    List<PersistentVolumeClaim> claims(KubeName namespace);
}
