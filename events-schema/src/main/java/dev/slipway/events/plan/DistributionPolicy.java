package dev.slipway.events.plan;

/**
 * How the release treats distribution faults. In slipway.yaml: {@code distribution: {onNodeFailure: CONTINUE}};
 * absent means {@link #DEFAULT}: a node that failed fails the service.
 */
public record DistributionPolicy(NodeFailurePolicy onNodeFailure) {
    public static final DistributionPolicy DEFAULT = new DistributionPolicy(NodeFailurePolicy.FAIL_SERVICE);

    public DistributionPolicy {
        onNodeFailure = onNodeFailure == null ? NodeFailurePolicy.FAIL_SERVICE : onNodeFailure;
    }

    /** Whether one FAILED node makes the service's distribution FAILED. */
    public boolean nodeFailureFailsService() {
        return onNodeFailure == NodeFailurePolicy.FAIL_SERVICE;
    }
}
