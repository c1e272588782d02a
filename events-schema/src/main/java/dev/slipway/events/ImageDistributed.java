package dev.slipway.events;

import dev.slipway.events.plan.ServicePlan;
import java.util.List;

/**
 * dev.slipway.image.distributed.v1: one per service, with a result per node. FAILED when the build
 * failed (passed through, no nodes) or when a node failed; {@code error} says which and why.
 */
public record ImageDistributed(ReleaseContext release, ServicePlan service, StageOutcome outcome, BuiltImage image,
        List<NodeResult> nodes, String error) {
    public ImageDistributed {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }
}
