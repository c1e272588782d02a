package dev.slipway.distributor.decision;

import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.RegistryOutcome;
import dev.slipway.events.RegistryResult;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.DistributionPolicy;
import java.util.List;

/** Which nodes get the image, and what the nodes' results mean for the service. No I/O. */
public final class DistributionDecision {
    private DistributionDecision() {}

    /** The nodes that answered and lack the image: the only ones the image is sent to. */
    public static List<NodeCheck> nodesNeedingImage(List<NodeCheck> checks) {
        return checks.stream().filter(check -> check.presence() == NodeCheck.Presence.LACKS).toList();
    }

    /** The nodes that already hold the image: nothing is sent to them. */
    public static List<NodeCheck> nodesHoldingImage(List<NodeCheck> checks) {
        return checks.stream().filter(check -> check.presence() == NodeCheck.Presence.HOLDS).toList();
    }

    /** The nodes that could not be asked: they fail without anything being sent. */
    public static List<NodeCheck> unreachableNodes(List<NodeCheck> checks) {
        return checks.stream().filter(check -> check.presence() == NodeCheck.Presence.UNREACHABLE).toList();
    }

    /** SUCCEEDED when no node failed; otherwise FAILED with a message naming every failed node and why. */
    public static ServiceOutcome outcome(ReleaseId release, ServiceName service, List<NodeResult> results) {
        return outcome(release, service, results, DistributionPolicy.DEFAULT);
    }

    /**
     * The service outcome under the release's policy: with {@code onNodeFailure: CONTINUE} the service goes on
     * while at least one node holds the image (the failed nodes stay listed as FAILED); with the default
     * {@code FAIL_SERVICE}, or when every node failed, it is FAILED naming every failed node and why.
     */
    public static ServiceOutcome outcome(ReleaseId release, ServiceName service, List<NodeResult> results,
            DistributionPolicy policy) {
        return outcome(release, service, results, null, policy);
    }

    /**
     * The service outcome with a registry ({@code registry} null when none is configured): a failed push fails
     * the service, whatever the nodes did; with a registry and no nodes, the push alone decides.
     */
    public static ServiceOutcome outcome(ReleaseId release, ServiceName service, List<NodeResult> results,
            RegistryResult registry, DistributionPolicy policy) {
        if (registry != null) {
            ServiceOutcome nodes = results.isEmpty() ? ServiceOutcome.succeeded() : outcome(release, service, results, null, policy);
            if (registry.outcome() == RegistryOutcome.FAILED) {
                return ServiceOutcome.failed("release " + release + ": " + registry.error()
                        + (nodes.outcome() == StageOutcome.FAILED ? "; " + nodes.error() : ""));
            }
            return nodes;
        }
        if (results.isEmpty()) {
            return ServiceOutcome.failed(DistributionErrors.noNodes(release, service));
        }
        List<NodeResult> failed = results.stream().filter(result -> result.outcome() == NodeOutcome.FAILED).toList();
        if (failed.isEmpty()) {
            return ServiceOutcome.succeeded();
        }
        if (!policy.nodeFailureFailsService() && failed.size() < results.size()) {
            return ServiceOutcome.succeeded();
        }
        return ServiceOutcome.failed(DistributionErrors.nodesFailed(release, service, failed, results.size()));
    }
}
