package dev.slipway.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.Optional;

/**
 * {@code kubectl rollout status} as a predicate. A Deployment is rolled out when its controller
 * saw the latest spec (observedGeneration ≥ generation), every replica is updated, every updated
 * one is available and no old replica is left. A StatefulSet is rolled out when its controller saw
 * the latest spec, every replica is ready and the current revision is the update revision (or, with a
 * partitioned RollingUpdate, every pod above the partition is updated), as kubectl decides it. The rollout-service waits on it; the verifier-service checks it.
 */
public final class RolloutStatus {
    /** Done or not, and what it is waiting for, e.g. {@code 1 of 3 replicas updated}. */
    public record Progress(boolean done, String status) {}

    private RolloutStatus() {}

    public static boolean observed(Long generation, Long observedGeneration) {
        return observedGeneration != null && observedGeneration > 0 && (generation == null || observedGeneration >= generation);
    }

    public static Progress of(HasMetadata workload) {
        if (workload instanceof Deployment deployment) {
            return ofDeployment(deployment);
        }
        if (workload instanceof StatefulSet statefulSet) {
            return ofStatefulSet(statefulSet);
        }
        return new Progress(false, "not a Deployment or StatefulSet");
    }

    static Progress ofDeployment(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        if (status == null || !observed(deployment.getMetadata().getGeneration(), status.getObservedGeneration())) {
            return new Progress(false, "the Deployment controller has not seen the new spec yet");
        }
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        int updated = n(status.getUpdatedReplicas());
        int total = n(status.getReplicas());
        int available = n(status.getAvailableReplicas());
        if (updated < desired) {
            return new Progress(false, updated + " of " + desired + " new replicas updated");
        }
        if (total > updated) {
            return new Progress(false, (total - updated) + " old replicas pending termination");
        }
        if (available < updated) {
            return new Progress(false, available + " of " + updated + " updated replicas available");
        }
        return new Progress(true, updated + " of " + desired + " replicas updated and available");
    }

    static Progress ofStatefulSet(StatefulSet statefulSet) {
        StatefulSetStatus status = statefulSet.getStatus();
        if (status == null || !observed(statefulSet.getMetadata().getGeneration(), status.getObservedGeneration())) {
            return new Progress(false, "the StatefulSet controller has not seen the new spec yet");
        }
        int desired = statefulSet.getSpec().getReplicas() == null ? 1 : statefulSet.getSpec().getReplicas();
        int ready = n(status.getReadyReplicas());
        int updated = n(status.getUpdatedReplicas());
        if (ready < desired) {
            return new Progress(false, ready + " of " + desired + " pods ready");
        }
        // As kubectl: a partitioned RollingUpdate is done once the pods above the partition are updated;
        // otherwise the controller must have made the update revision current.
        var strategy = statefulSet.getSpec().getUpdateStrategy();
        Integer partition = strategy == null || strategy.getRollingUpdate() == null ? null
                : strategy.getRollingUpdate().getPartition();
        if (partition != null && (strategy.getType() == null || "RollingUpdate".equals(strategy.getType()))) {
            int expected = desired - partition;
            return updated >= expected
                    ? new Progress(true, "partitioned roll out complete: " + updated + " new pods have been updated")
                    : new Progress(false, updated + " of " + expected + " pods above partition " + partition + " updated");
        }
        if (status.getUpdateRevision() != null && status.getUpdateRevision().equals(status.getCurrentRevision())) {
            return new Progress(true, ready + " of " + desired + " pods ready at revision " + status.getUpdateRevision());
        }
        return new Progress(false, "rolling update not complete: " + updated + " pods at revision " + status.getUpdateRevision()
                + ", current revision " + status.getCurrentRevision());
    }

    /** The Progressing=False/ProgressDeadlineExceeded condition's message, once the controller saw the latest spec. */
    public static Optional<String> progressDeadlineExceeded(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        if (status == null || status.getConditions() == null
                || !observed(deployment.getMetadata().getGeneration(), status.getObservedGeneration())) {
            return Optional.empty();
        }
        return status.getConditions().stream()
                .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                        && "ProgressDeadlineExceeded".equals(c.getReason()))
                .map(DeploymentCondition::getMessage)
                .map(m -> m == null ? "" : m)
                .findFirst();
    }

    /**
     * What the rollout still waits for, empty when it is complete; a Deployment past its progress deadline
     * says so. The verifier's row for a workload.
     */
    public static Optional<String> pending(HasMetadata workload) {
        if (workload instanceof Deployment deployment) {
            Optional<String> deadline = progressDeadlineExceeded(deployment);
            if (deadline.isPresent()) {
                return Optional.of("ProgressDeadlineExceeded" + (deadline.get().isEmpty() ? "" : ": " + deadline.get()));
            }
        }
        Progress progress = of(workload);
        return progress.done() ? Optional.empty() : Optional.of(progress.status());
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }
}
