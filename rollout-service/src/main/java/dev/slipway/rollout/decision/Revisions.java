package dev.slipway.rollout.decision;

import dev.slipway.kubernetes.RolloutStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Comparator;
import java.util.HashMap;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private Revisions() {}

    /** True when {@code child} names {@code owner} (by uid) among its owner references. */
    public static boolean ownedBy(HasMetadata child, HasMetadata owner) {
        String uid = owner.getMetadata().getUid();
        List<OwnerReference> refs = child.getMetadata().getOwnerReferences();
        return uid != null && refs != null && refs.stream().anyMatch(r -> uid.equals(r.getUid()));
    }

    public static List<ReplicaSet> ownedReplicaSets(Deployment deployment, List<ReplicaSet> replicaSets) {
        return replicaSets.stream().filter(rs -> ownedBy(rs, deployment)).toList();
    }

    /** The ReplicaSet's revision number, 0 when it carries none. */
    public static long revision(ReplicaSet replicaSet) {
        Map<String, String> annotations = replicaSet.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(REVISION_ANNOTATION);
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A copy of the template without the {@code pod-template-hash} label the ReplicaSet controller adds. */
    public static PodTemplateSpec withoutHash(PodTemplateSpec template) {
        PodTemplateSpec copy = JSON.convertValue(template, PodTemplateSpec.class);
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            Map<String, String> labels = new HashMap<>(copy.getMetadata().getLabels());
            labels.remove(POD_TEMPLATE_HASH);
            copy.getMetadata().setLabels(labels);
        }
        return copy;
    }

    /** The owned ReplicaSet running the Deployment's current template (the newest if several match). */
    public static Optional<ReplicaSet> current(Deployment deployment, List<ReplicaSet> replicaSets) {
        PodTemplateSpec wanted = withoutHash(deployment.getSpec().getTemplate());
        return ownedReplicaSets(deployment, replicaSets).stream()
                .filter(rs -> rs.getSpec() != null && rs.getSpec().getTemplate() != null
                        && Objects.equals(withoutHash(rs.getSpec().getTemplate()), wanted))
                .max(Comparator.comparingLong(Revisions::revision));
    }

    /**
     * The revision to go back to: the owned ReplicaSet with the highest revision below the current
     * one's (below every owned one's maximum + 1 when none matches the template yet).
     */
    public static Optional<ReplicaSet> previous(Deployment deployment, List<ReplicaSet> replicaSets) {
        Optional<ReplicaSet> current = current(deployment, replicaSets);
        long below = current.map(Revisions::revision).orElse(Long.MAX_VALUE);
        return ownedReplicaSets(deployment, replicaSets).stream()
                .filter(rs -> current.isEmpty() || !rs.getMetadata().getUid().equals(current.get().getMetadata().getUid()))
                .filter(rs -> revision(rs) < below)
                .filter(rs -> rs.getSpec() != null && rs.getSpec().getTemplate() != null)
                .max(Comparator.comparingLong(Revisions::revision));
    }

    /**
     * The pods of the workload's newest revision: for a Deployment those owned by its current
     * ReplicaSet; for a StatefulSet, once its controller saw the latest spec, those labelled with
     * its update revision. Empty while the controller has not made the new revision yet.
     */
    public static List<Pod> newPods(WorkloadSnapshot snapshot) {
        HasMetadata workload = snapshot.workload();
        if (workload instanceof Deployment deployment) {
            return current(deployment, snapshot.replicaSets())
                    .map(rs -> snapshot.pods().stream().filter(p -> ownedBy(p, rs)).toList())
                    .orElse(List.of());
        }
        if (workload instanceof StatefulSet statefulSet) {
            if (statefulSet.getStatus() == null || !RolloutStatus.observed(statefulSet.getMetadata().getGeneration(),
                    statefulSet.getStatus().getObservedGeneration())) {
                return List.of();
            }
            String revision = statefulSet.getStatus().getUpdateRevision();
            return snapshot.pods().stream()
                    .filter(p -> ownedBy(p, statefulSet))
                    .filter(p -> revision != null && p.getMetadata().getLabels() != null
                            && revision.equals(p.getMetadata().getLabels().get(CONTROLLER_REVISION_HASH)))
                    .toList();
        }
        return List.of();
    }
}
