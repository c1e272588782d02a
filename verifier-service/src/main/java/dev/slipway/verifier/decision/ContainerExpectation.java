package dev.slipway.verifier.decision;

import dev.slipway.events.CheckResult;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.NodeName;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the service's container runs on every node at the release's image, and how that reads
 * in the verdict table: the observed column names each node, the container's state and image id.
 */
public final class ContainerExpectation {
    public static final String KIND = "container";

    private ContainerExpectation() {}

    /** The image the container must run: the one rolled out for this release, or none if the rollout had none. */
    public static ImageId expectedImage(RolloutDone done) {
        return done.image() == null ? null : done.image().id();
    }

    /**
     * The observations the check judges: every node's, except those a rolled-out service passed over because the
     * image did not reach them (SKIPPED under {@code onNodeFailure: CONTINUE}); they still run the previous image.
     */
    public static List<ContainerObservation> judged(RolloutDone done, List<ContainerObservation> seen) {
        if (done.outcome() != RolloutOutcome.ROLLED_OUT) {
            return seen;
        }
        Set<NodeName> passedOver = done.nodes().stream().filter(node -> node.outcome() == RolloutOutcome.SKIPPED)
                .map(NodeRollout::node).collect(Collectors.toSet());
        return seen.stream().filter(node -> !passedOver.contains(node.node())).toList();
    }

    public static String expected(ContainerName container, ImageId image, int nodes) {
        String at = image == null ? "the release's image (none: the rollout has no image for this service)"
                : "image " + shortId(image);
        return "container " + container + " running at " + at + " on " + nodes + (nodes == 1 ? " node" : " nodes");
    }

    public static boolean passes(ImageId expected, List<ContainerObservation> seen) {
        return expected != null && !seen.isEmpty() && seen.stream().allMatch(node -> node.runs(expected));
    }

    public static String observed(List<ContainerObservation> seen) {
        if (seen.isEmpty()) {
            return "no nodes configured: set slipway.nodes.<node>.engine for the verifier";
        }
        return seen.stream().map(ContainerExpectation::describe).collect(Collectors.joining("; "));
    }

    public static CheckResult result(String name, ContainerName container, ImageId expected,
            List<ContainerObservation> seen) {
        return new CheckResult(name, KIND, expected(container, expected, seen.size()), observed(seen),
                passes(expected, seen));
    }

    /** A result for a check that cannot be run, with the reason as the observation. */
    public static CheckResult unrunnable(String name, String expected, String reason) {
        return new CheckResult(name, KIND, expected, reason, false);
    }

    static String describe(ContainerObservation node) {
        StringBuilder text = new StringBuilder(node.node().value()).append(": ").append(node.state());
        if (node.health() != null) {
            text.append(" (").append(node.health()).append(")");
        }
        if (node.image() != null) {
            text.append(" ").append(shortId(node.image()));
        }
        if (node.detail() != null && !node.detail().isBlank()) {
            text.append(", ").append(node.detail());
        }
        return text.toString();
    }

    /** {@code sha256:} and the first 12 hex digits, as {@code docker ps} shows an id. */
    public static String shortId(ImageId image) {
        return image.value().substring(0, "sha256:".length() + 12);
    }
}
