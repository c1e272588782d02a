package dev.slipway.events;

import dev.slipway.events.plan.ServicePlan;
import java.util.List;

/**
 * dev.slipway.rollout.done.v1: one per service. SKIPPED when an earlier stage failed; FAILED or
 * ROLLED_BACK carry a diagnosis naming the service, node and cause.
 */
public record RolloutDone(ReleaseContext release, ServicePlan service, RolloutOutcome outcome, BuiltImage image,
        List<NodeRollout> nodes, String diagnosis, long durationMillis) {
    public RolloutDone {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }
}
