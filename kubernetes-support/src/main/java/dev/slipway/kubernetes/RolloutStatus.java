package dev.slipway.kubernetes;

import dev.slipway.kubernetes.observed.Condition;
import dev.slipway.kubernetes.observed.ObservedWorkload;
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

    public static Progress of(ObservedWorkload workload) {
        if (workload.isDeployment()) {
            return ofDeployment(workload);
        }
        if (workload.isStatefulSet()) {
            return ofStatefulSet(workload);
        }
        return new Progress(false, "not a Deployment or StatefulSet");
    }

    static Progress ofDeployment(ObservedWorkload deployment) {
        ObservedWorkload.Status status = deployment.status();
        if (status == null || !observed(deployment.metadata().getGeneration(), status.observedGeneration())) {
            return new Progress(false, "the Deployment controller has not seen the new spec yet");
        }
        int desired = replicas(deployment);
        int updated = n(status.updatedReplicas());
        int total = n(status.replicas());
        int available = n(status.availableReplicas());
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

    static Progress ofStatefulSet(ObservedWorkload statefulSet) {
        ObservedWorkload.Status status = statefulSet.status();
        if (status == null || !observed(statefulSet.metadata().getGeneration(), status.observedGeneration())) {
            return new Progress(false, "the StatefulSet controller has not seen the new spec yet");
        }
        int desired = replicas(statefulSet);
        int ready = n(status.readyReplicas());
        int updated = n(status.updatedReplicas());
        if (ready < desired) {
            return new Progress(false, ready + " of " + desired + " pods ready");
        }
        // As kubectl: a partitioned RollingUpdate is done once the pods above the partition are updated;
        // otherwise the controller must have made the update revision current.
        ObservedWorkload.UpdateStrategy strategy = statefulSet.spec() == null ? null : statefulSet.spec().updateStrategy();
        Integer partition = strategy == null || strategy.rollingUpdate() == null ? null
                : strategy.rollingUpdate().partition();
        if (partition != null && (strategy.type() == null || "RollingUpdate".equals(strategy.type()))) {
            int expected = desired - partition;
            return updated >= expected
                    ? new Progress(true, "partitioned roll out complete: " + updated + " new pods have been updated")
                    : new Progress(false, updated + " of " + expected + " pods above partition " + partition + " updated");
        }
        if (status.updateRevision() != null && status.updateRevision().equals(status.currentRevision())) {
            return new Progress(true, ready + " of " + desired + " pods ready at revision " + status.updateRevision());
        }
        return new Progress(false, "rolling update not complete: " + updated + " pods at revision " + status.updateRevision()
                + ", current revision " + status.currentRevision());
    }

    /** The Progressing=False/ProgressDeadlineExceeded condition's message, once the controller saw the latest spec. */
    public static Optional<String> progressDeadlineExceeded(ObservedWorkload deployment) {
        ObservedWorkload.Status status = deployment.status();
        if (!deployment.isDeployment() || status == null || status.conditions() == null
                || !observed(deployment.metadata().getGeneration(), status.observedGeneration())) {
            return Optional.empty();
        }
        return status.conditions().stream()
                .filter(c -> c.is("Progressing", "False") && "ProgressDeadlineExceeded".equals(c.reason()))
                .map(Condition::message)
                .map(m -> m == null ? "" : m)
                .findFirst();
    }

    /**
     * What the rollout still waits for, empty when it is complete; a Deployment past its progress deadline
     * says so. The verifier's row for a workload.
     */
    public static Optional<String> pending(ObservedWorkload workload) {
        Optional<String> deadline = progressDeadlineExceeded(workload);
        if (deadline.isPresent()) {
            return Optional.of("ProgressDeadlineExceeded" + (deadline.get().isEmpty() ? "" : ": " + deadline.get()));
        }
        Progress progress = of(workload);
        return progress.done() ? Optional.empty() : Optional.of(progress.status());
    }

    private static int replicas(ObservedWorkload workload) {
        return workload.spec() == null || workload.spec().replicas() == null ? 1 : workload.spec().replicas();
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }
}
