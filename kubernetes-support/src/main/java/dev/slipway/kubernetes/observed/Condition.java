package dev.slipway.kubernetes.observed;

/**
 * One entry of a status's {@code conditions} (a Deployment's, a pod's, a node's): e.g. {@code Ready False
 * NodeStatusUnknown "Kubelet stopped posting node status." 2026-12-02T00:41:02Z}.
 */
public record Condition(String type, String status, String reason, String message, String lastTransitionTime) {
    public boolean is(String type, String status) {
        return type.equals(this.type) && status.equals(this.status);
    }
}
