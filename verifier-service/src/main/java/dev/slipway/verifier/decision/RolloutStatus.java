package dev.slipway.verifier.decision;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * The predicate of {@code kubectl rollout status}: empty when the rollout is complete, otherwise what it
 * still waits for, in kubectl's words.
 */
public final class RolloutStatus {
    private RolloutStatus() {}

    public static Optional<String> pending(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        if (!observed(deployment.getMetadata().getGeneration(), status.getObservedGeneration())) {
            return Optional.of("the controller has not yet observed generation " + deployment.getMetadata().getGeneration());
        }
        if (status.getConditions() != null) {
            for (DeploymentCondition condition : status.getConditions()) {
                if ("Progressing".equals(condition.getType()) && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                    return Optional.of("ProgressDeadlineExceeded" + (condition.getMessage() == null ? "" : ": " + condition.getMessage()));
                }
            }
        }
        int desired = desired(deployment.getSpec().getReplicas());
        int updated = count(status.getUpdatedReplicas());
        if (updated < desired) {
            return Optional.of(updated + " out of " + desired + " new replicas have been updated");
        }
        if (count(status.getReplicas()) > updated) {
            return Optional.of((count(status.getReplicas()) - updated) + " old replicas are pending termination");
        }
        if (count(status.getAvailableReplicas()) < updated) {
            return Optional.of(count(status.getAvailableReplicas()) + " of " + updated + " updated replicas are available");
        }
        return Optional.empty();
    }

    public static Optional<String> pending(StatefulSet statefulSet) {
        StatefulSetStatus status = statefulSet.getStatus() == null ? new StatefulSetStatus() : statefulSet.getStatus();
        if (status.getObservedGeneration() == null || status.getObservedGeneration() == 0
                || !observed(statefulSet.getMetadata().getGeneration(), status.getObservedGeneration())) {
            return Optional.of("the controller has not yet observed generation " + statefulSet.getMetadata().getGeneration());
        }
        int desired = desired(statefulSet.getSpec().getReplicas());
        if (count(status.getReadyReplicas()) < desired) {
            return Optional.of("waiting for " + (desired - count(status.getReadyReplicas())) + " pods to be ready");
        }
        if (!Objects.equals(status.getCurrentRevision(), status.getUpdateRevision())) {
            return Optional.of("rolling update not complete: " + count(status.getUpdatedReplicas()) + " pods at revision "
                    + status.getUpdateRevision() + ", current revision " + status.getCurrentRevision());
        }
        return Optional.empty();
    }

    /** {@code spec.replicas}, which defaults to 1. */
    public static int desired(Integer replicas) {
        return replicas == null ? 1 : replicas;
    }

    static int count(Integer value) {
        return value == null ? 0 : value;
    }

    private static boolean observed(Long generation, Long observedGeneration) {
        return generation == null || (observedGeneration != null && observedGeneration >= generation);
    }
}
