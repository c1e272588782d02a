package dev.slipway.rollout.decision;

import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutOutcome;
import java.util.List;

/**
 * A service's rollout outcome from its nodes' outcomes: ROLLED_OUT when every node is ROLLED_OUT, or
 * SKIPPED because it did not get the image under a release that goes on without such nodes
 * ({@code onNodeFailure: CONTINUE}), with at least one ROLLED_OUT.
 */
public final class ServiceOutcome {
    private ServiceOutcome() {}

    public static RolloutOutcome of(List<NodeRollout> nodes) {
        if (nodes.isEmpty()) {
            return RolloutOutcome.FAILED;
        }
        boolean allUpOrSkipped = nodes.stream()
                .allMatch(n -> n.outcome() == RolloutOutcome.ROLLED_OUT || n.outcome() == RolloutOutcome.SKIPPED);
        if (allUpOrSkipped && nodes.stream().anyMatch(n -> n.outcome() == RolloutOutcome.ROLLED_OUT)) {
            return RolloutOutcome.ROLLED_OUT;
        }
        if (nodes.stream().anyMatch(n -> n.outcome() == RolloutOutcome.FAILED)) {
            return RolloutOutcome.FAILED;
        }
        if (nodes.stream().anyMatch(n -> n.outcome() == RolloutOutcome.ROLLED_BACK)) {
            return RolloutOutcome.ROLLED_BACK;
        }
        return RolloutOutcome.FAILED;
    }
}
