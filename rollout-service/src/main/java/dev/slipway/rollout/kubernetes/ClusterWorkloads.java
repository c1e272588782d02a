package dev.slipway.rollout.kubernetes;

import dev.slipway.events.names.KubeName;
import dev.slipway.rollout.decision.WorkloadRef;
import dev.slipway.kubernetes.observed.ObservedReplicaSet;
import dev.slipway.kubernetes.observed.ObservedWorkload;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code kubernetes} target asks of the cluster, and nothing more: read and JSON-Patch a
 * workload, list its ReplicaSets, watch it with its pods and their scheduling events, read a
 * container's last log lines, delete a pod stuck at a bad StatefulSet revision; take and give back the
 * workload's Lease (one release at a time across rollout replicas, {@link WorkloadLeases}). Failures surface
 * as {@link io.fabric8.kubernetes.client.KubernetesClientException}. Objects come as the narrow records of
 * {@code dev.slipway.kubernetes.observed}, never as fabric8's full model (whose readers would cost the service
 * some 500 classes and their reflection data).
 */
public interface ClusterWorkloads {
    /** The Deployment or StatefulSet, or empty when it does not exist. */
    Optional<ObservedWorkload> read(WorkloadRef workload);

    /** Applies a JSON Patch (RFC 6902) to the workload; returns the workload as patched (its new generation). */
    ObservedWorkload patch(WorkloadRef workload, String jsonPatch);

    /** The ReplicaSets in the workload's namespace matching {@code selector} (ownership is checked by the caller). */
    List<ObservedReplicaSet> replicaSets(WorkloadRef workload, LabelSelector selector);

    /**
     * The last {@code lines} lines of a container's log; of its previous run when {@code previous}. Bounded in time
     * and never retried: throws when the log cannot be had at once.
     */
    List<String> lastLogLines(KubeName namespace, String pod, String container, boolean previous, int lines);

    /** Deletes a pod (a StatefulSet does not replace a pod stuck at a broken revision by itself). */
    void deletePod(KubeName namespace, String pod);

    /**
     * Starts watching the workload, the pods {@code podSelector} matches, the namespace's
     * FailedScheduling events and the nodes (cluster-scoped: whether each is Ready); returns once the first full
     * state is known.
     */
    WorkloadWatch watch(WorkloadRef workload, LabelSelector podSelector);

    /** The Lease {@code name} in {@code namespace}, or empty when there is none. */
    Optional<Lease> readLease(KubeName namespace, String name);

    /** Creates the Lease; a KubernetesClientException with code 409 when it already exists. */
    Lease createLease(Lease lease);

    /**
     * Writes the Lease over the server's if the server's is still at the Lease's resourceVersion (optimistic
     * concurrency); a KubernetesClientException with code 409 when someone changed it since.
     */
    Lease updateLease(Lease lease);

    /** Deletes the Lease if the server's is still at its resourceVersion (409 otherwise); nothing when it is gone. */
    void deleteLease(Lease lease);
}
