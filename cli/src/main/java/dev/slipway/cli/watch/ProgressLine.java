package dev.slipway.cli.watch;

import dev.slipway.record.Units;
import dev.slipway.record.ReleaseEvent;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeResult;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.Verified;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One line per event as a release moves: who (service, or the release for the first and last event),
 * the stage, its outcome and the facts that matter, e.g.
 * {@code api      image-built       SUCCEEDED   sha256:1a2b3c4d5e6f… 2.1 MB 0.6 s}.
 */
public final class ProgressLine {
    private ProgressLine() {}

    public static String of(ReleaseEvent event) {
        return switch (event.type()) {
            case BUILD_REQUESTED -> requested(event.as(BuildRequested.class));
            case IMAGE_BUILT -> built(event.as(ImageBuilt.class));
            case IMAGE_DISTRIBUTED -> distributed(event.as(ImageDistributed.class));
            case ROLLOUT_DONE -> rolledOut(event.as(RolloutDone.class));
            case VERIFIED -> verified(event.as(Verified.class));
        };
    }

    private static String requested(BuildRequested request) {
        String services = request.plan().serviceNames().stream().map(Object::toString).collect(Collectors.joining(", "));
        return line(request.plan().release().value(), "build-requested", "REQUESTED",
                "version " + request.version() + ", services " + services);
    }

    private static String built(ImageBuilt built) {
        String details = built.outcome() == StageOutcome.SUCCEEDED
                ? Units.shortId(built.image().id().value()) + " " + Units.bytes(built.image().sizeBytes()) + " "
                        + Units.seconds(built.buildMillis())
                : built.error();
        return line(built.service().name().value(), "image-built", built.outcome().name(), details);
    }

    private static String distributed(ImageDistributed distributed) {
        String nodes = distributed.nodes().stream().map(ProgressLine::node).collect(Collectors.joining(", "));
        String details = distributed.error() == null ? nodes : (nodes.isEmpty() ? "" : nodes + ": ") + distributed.error();
        return line(distributed.service().name().value(), "image-distributed", distributed.outcome().name(), details);
    }

    private static String node(NodeResult node) {
        String result = node.node() + " " + node.outcome();
        return switch (node.outcome()) {
            case IMPORTED -> result + " " + Units.bytes(node.bytes()) + " " + Units.seconds(node.durationMillis());
            case ALREADY_PRESENT -> result;
            case FAILED -> result + " (" + node.error() + ")";
        };
    }

    private static String rolledOut(RolloutDone done) {
        String nodes = done.nodes().stream().map(node -> node(node, done.outcome())).collect(Collectors.joining(", "));
        String details = nodes + (done.durationMillis() > 0 ? " " + Units.seconds(done.durationMillis()) : "");
        if (done.diagnosis() != null && !done.diagnosis().isBlank()) {
            details = details + (details.isBlank() ? "" : ": ") + done.diagnosis();
        }
        return line(done.service().name().value(), "rollout-done", done.outcome().name(), details.strip());
    }

    /** The node and what runs there; its outcome only when it differs from the service's. */
    private static String node(NodeRollout node, RolloutOutcome serviceOutcome) {
        return node.node() + (node.target() == null ? "" : " " + node.target())
                + (node.outcome() == null || node.outcome() == serviceOutcome ? "" : " (" + node.outcome() + ")");
    }

    private static String verified(Verified verified) {
        long passed = verified.checks().stream().filter(c -> c.passed()).count();
        return line(verified.release().value(), "verified", verified.verdict().name(),
                passed + "/" + verified.checks().size() + " checks passed");
    }

    static String line(String who, String stage, String outcome, String details) {
        return String.format(Locale.ROOT, "%-8s %-17s %-11s %s", who, stage, outcome, details == null ? "" : details).stripTrailing();
    }
}
