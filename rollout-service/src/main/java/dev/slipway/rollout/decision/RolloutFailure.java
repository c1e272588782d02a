package dev.slipway.rollout.decision;

import java.util.List;

/**
 * Why a workload's rollout cannot succeed: the pod of the new revision, its node (null when not
 * scheduled), the container, the Kubernetes reason and message, whether its log explains it
 * (crashes: read the previous run's log when it restarted), and the claims an unschedulable pod waits for.
 * For ProgressDeadlineExceeded, pod, node and container are null.
 */
public record RolloutFailure(String pod, String node, String container, String reason, String message,
        boolean logExplains, boolean previousLog, List<String> claims) {
    public RolloutFailure {
        claims = claims == null ? List.of() : List.copyOf(claims);
    }

    /**
     * Whether a new image could cure a workload failing this way: a missing or unpullable image and a crashing
     * container can be; a pod that cannot be scheduled (a missing or unbound claim, no room), a broken
     * configuration (a missing Secret or ConfigMap) or a passed progress deadline cannot.
     */
    public boolean newImageMayCure() {
        return imageProblem() || logExplains();
    }

    /**
     * Whether the workload is broken in itself, whatever its image: a pod that cannot be scheduled or whose
     * configuration is missing (a Secret, a ConfigMap). A release onto such a workload is refused before it writes.
     * A node that is not ready is not the workload's fault and does not count.
     */
    public boolean workloadBroken() {
        return pod != null && ("Unschedulable".equals(reason) || "CreateContainerConfigError".equals(reason));
    }

    /** True when the failure is about getting the image onto the node (distribution is the likely cause). */
    public boolean imageProblem() {
        return PodFailures.IMAGE_REASONS.contains(reason);
    }
}
