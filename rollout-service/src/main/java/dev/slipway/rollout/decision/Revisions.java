package dev.slipway.rollout.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.kubernetes.RolloutStatus;
import dev.slipway.kubernetes.observed.ObservedPod;
import dev.slipway.kubernetes.observed.ObservedReplicaSet;
import dev.slipway.kubernetes.observed.ObservedWorkload;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which revision of a workload is which, as the Deployment and StatefulSet controllers record it:
 * the Deployment's current ReplicaSet is the owned one whose pod template (without the
 * {@code pod-template-hash} label) equals the Deployment's; the previous one is the owned
 * ReplicaSet with the highest {@code deployment.kubernetes.io/revision} below it. A
 * StatefulSet's new pods carry {@code controller-revision-hash} = its {@code status.updateRevision}.
 */
public final class Revisions {
    public static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
    public static final String POD_TEMPLATE_HASH = "pod-template-hash";
    public static final String CONTROLLER_REVISION_HASH = "controller-revision-hash";

    private Revisions() {}

    /** True when {@code child} names {@code owner} (by uid) among its owner references. */
    public static boolean ownedBy(ObjectMeta child, ObjectMeta owner) {
        String uid = owner.getUid();
        List<OwnerReference> refs = child.getOwnerReferences();
        return uid != null && refs != null && refs.stream().anyMatch(r -> uid.equals(r.getUid()));
    }

    public static List<ObservedReplicaSet> ownedReplicaSets(ObservedWorkload deployment, List<ObservedReplicaSet> replicaSets) {
        return replicaSets.stream().filter(rs -> ownedBy(rs.metadata(), deployment.metadata())).toList();
    }

    /** The ReplicaSet's revision number, 0 when it carries none. */
    public static long revision(ObservedReplicaSet replicaSet) {
        Map<String, String> annotations = replicaSet.metadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(REVISION_ANNOTATION);
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A copy of the pod template without the {@code pod-template-hash} label the ReplicaSet controller adds. */
    public static ObjectNode withoutHash(ObjectNode template) {
        ObjectNode copy = template.deepCopy();
        JsonNode labels = copy.path("metadata").path("labels");
        if (labels instanceof ObjectNode labelNode) {
            labelNode.remove(POD_TEMPLATE_HASH);
        }
        return copy;
    }

    /** The owned ReplicaSet running the Deployment's current template (the newest if several match). */
    public static Optional<ObservedReplicaSet> current(ObservedWorkload deployment, List<ObservedReplicaSet> replicaSets) {
        ObjectNode wanted = withoutHash(deployment.spec().template());
        return ownedReplicaSets(deployment, replicaSets).stream()
                .filter(rs -> rs.template() != null && Objects.equals(withoutHash(rs.template()), wanted))
                .max(Comparator.comparingLong(Revisions::revision));
    }

    /**
     * The revision to go back to: the owned ReplicaSet with the highest revision below the current
     * one's (below every owned one's maximum + 1 when none matches the template yet).
     */
    public static Optional<ObservedReplicaSet> previous(ObservedWorkload deployment, List<ObservedReplicaSet> replicaSets) {
        Optional<ObservedReplicaSet> current = current(deployment, replicaSets);
        long below = current.map(Revisions::revision).orElse(Long.MAX_VALUE);
        return ownedReplicaSets(deployment, replicaSets).stream()
                .filter(rs -> current.isEmpty() || !rs.metadata().getUid().equals(current.get().metadata().getUid()))
                .filter(rs -> revision(rs) < below)
                .filter(rs -> rs.template() != null)
                .max(Comparator.comparingLong(Revisions::revision));
    }

    /**
     * The pods of the workload's newest revision: for a Deployment those owned by its current
     * ReplicaSet; for a StatefulSet, once its controller saw the latest spec, those labelled with
     * its update revision. Empty while the controller has not made the new revision yet.
     */
    public static List<ObservedPod> newPods(WorkloadSnapshot snapshot) {
        ObservedWorkload workload = snapshot.workload();
        if (workload.isDeployment()) {
            return current(workload, snapshot.replicaSets())
                    .map(rs -> snapshot.pods().stream().filter(p -> ownedBy(p.metadata(), rs.metadata())).toList())
                    .orElse(List.of());
        }
        if (workload.isStatefulSet()) {
            if (workload.status() == null || !RolloutStatus.observed(workload.metadata().getGeneration(),
                    workload.status().observedGeneration())) {
                return List.of();
            }
            String revision = workload.status().updateRevision();
            return snapshot.pods().stream()
                    .filter(p -> ownedBy(p.metadata(), workload.metadata()))
                    .filter(p -> revision != null && p.metadata().getLabels() != null
                            && revision.equals(p.metadata().getLabels().get(CONTROLLER_REVISION_HASH)))
                    .toList();
        }
        return List.of();
    }
}
