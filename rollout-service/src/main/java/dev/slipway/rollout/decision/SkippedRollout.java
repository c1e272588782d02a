package dev.slipway.rollout.decision;

import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import java.util.List;
import java.util.stream.Collectors;

/** A failed distribution is passed on, not acted on: RolloutDone SKIPPED saying why and on which nodes. */
public final class SkippedRollout {
    private SkippedRollout() {}

    public static RolloutDone of(ImageDistributed distributed) {
        String diagnosis = diagnosis(distributed);
        List<NodeRollout> nodes = distributed.nodes().stream()
                .map(n -> new NodeRollout(n.node(), RolloutOutcome.SKIPPED, null, diagnosis))
                .toList();
        return new RolloutDone(distributed.release(), distributed.service(), RolloutOutcome.SKIPPED, distributed.image(),
                nodes, diagnosis, 0);
    }

    static String diagnosis(ImageDistributed distributed) {
        String error = distributed.error() == null || distributed.error().isBlank() ? "no error given" : distributed.error();
        String text = "not rolled out: distribution of " + distributed.service().name() + " failed: " + error.strip();
        String failedNodes = distributed.nodes().stream()
                .filter(n -> n.outcome() == NodeOutcome.FAILED)
                .map(SkippedRollout::describe)
                .collect(Collectors.joining(", "));
        return failedNodes.isEmpty() ? text : text + "; failed nodes: " + failedNodes;
    }

    private static String describe(NodeResult node) {
        return node.node() + (node.error() == null ? "" : " (" + node.error().strip() + ")");
    }
}
