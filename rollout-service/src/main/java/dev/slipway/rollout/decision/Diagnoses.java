package dev.slipway.rollout.decision;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.NodeResult;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ServiceName;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every diagnosis text of the rollout, in one place. Each names the service and node, says what
 * was seen (exit code, how long it ran, the last log lines) and, where it helps, what to do.
 */
public final class Diagnoses {
    private static final int MAX_LINE = 300;

    private Diagnoses() {}

    private static String where(ServiceName service, NodeName node) {
        return "service " + service + " on node " + node + ": ";
    }

    /** e.g. {@code service api on node local: container example-api exited with code 3 within 0.4 s; last log lines: "fatal: boom"}. */
    public static String startupFailure(ServiceName service, NodeName node, ContainerName container, StartupFailure failure,
            List<String> lastLogLines) {
        ContainerState state = failure.state();
        String what = switch (failure.kind()) {
            case EXITED -> (state.oomKilled() ? "was killed for lack of memory (OOM) with code " : "exited with code ")
                    + state.exitCode() + failure.ranFor().map(d -> " within " + secondsAtMost(d)).orElse("");
            case RESTARTED -> "restarted " + Math.max(1, state.restartCount()) + " time(s) while starting (last exit code "
                    + state.exitCode() + ")";
            case UNHEALTHY -> "is unhealthy" + (state.healthOutput() == null || state.healthOutput().isBlank() ? ""
                    : " (health check said " + quote(state.healthOutput()) + ")");
            case TIMED_OUT -> "did not come up within " + seconds(failure.waited()) + " (status " + state.status().label()
                    + (state.health() == Health.NONE ? "" : ", health " + state.health().label())
                    + "); raise rollout.timeoutSeconds in slipway.yaml if it needs longer to start";
        };
        return where(service, node) + "container " + container + " " + what + "; " + logExcerpt(lastLogLines);
    }

    public static String couldNotStart(ServiceName service, NodeName node, ContainerName container, String engineError) {
        return where(service, node) + "container " + container + " could not be created or started: " + oneLine(engineError);
    }

    public static String imageMissing(ServiceName service, NodeName node, BuiltImage image, Optional<NodeResult> distributed) {
        String reported = distributed
                .map(r -> "image-distributed reported " + r.outcome() + " for this node"
                        + (r.error() == null ? "" : " (" + oneLine(r.error()) + ")"))
                .orElse("image-distributed has no result for this node; add the node to the distributor's slipway.nodes");
        return where(service, node) + "image " + image.ref() + " (" + image.id() + ") is not on the node; " + reported;
    }

    public static String engineFailed(ServiceName service, NodeName node, String engine, String error) {
        return where(service, node) + "Docker engine " + engine + " failed: " + oneLine(error)
                + "; check that dockerd is running and reachable at that address";
    }

    public static String rolledBack(String failure, ContainerName container, NodeName node) {
        ContainerName failed = ContainerNames.failedOf(container);
        return failure + "; rolled back: the previous container " + container + " runs again on node " + node
                + "; the failed one is kept stopped as " + failed + " (docker logs " + failed + ")";
    }

    public static String unchanged(String failure, ContainerName container, NodeName node) {
        return failure + "; nothing was changed on node " + node + ": container " + container
                + " still runs its previous image";
    }

    public static String rolledBackBecauseAnotherNodeFailed(ServiceName service, NodeName node, ContainerName container,
            NodeName failedNode) {
        return where(service, node) + "rolled back to the previous container " + container + " because node "
                + failedNode + " failed";
    }

    public static String rollbackFailed(String failure, String why) {
        return failure + "; rollback failed: " + oneLine(why);
    }

    /**
     * A failure left as it is: says whether the failed container stays for inspection and whether the
     * previous one is kept beside it (so it can be put back by hand).
     */
    public static String keptForInspection(String failure, ContainerName container, NodeName node, boolean failedLeft,
            boolean previousKept) {
        StringBuilder text = new StringBuilder(failure);
        if (failedLeft) {
            text.append("; the failed container ").append(container).append(" is left on node ").append(node)
                    .append(" for inspection (docker logs ").append(container).append(')');
        }
        if (previousKept) {
            text.append("; the previous container is kept stopped as ").append(ContainerNames.previousOf(container));
        } else if (failedLeft) {
            text.append("; there was no previous container to go back to");
        }
        return text.toString();
    }

    /** A node the image did not reach, passed over because the release goes on without such nodes. */
    public static String lacksImage(ServiceName service, NodeName node, String distributionError) {
        return where(service, node) + "not rolled out: the image did not reach this node (" + distributionError
                + "); the release's onNodeFailure is CONTINUE, so the service goes on without it";
    }

    public static String notAttempted(ServiceName service, NodeName node, NodeName failedNode) {
        return where(service, node) + "not rolled out because node " + failedNode + " failed first";
    }

    public static String noNodes(ServiceName service) {
        return "service " + service + ": rollout-service has no nodes configured; set slipway.nodes.<node>.engine";
    }

    public static String noRuntime(ServiceName service, String targets) {
        return "service " + service + ": the plan gives it no runtime this rollout-service supports (" + targets
                + "); add a docker: section (container, ports) or a kubernetes: section (namespace, kind, name, container) to the service in slipway.yaml";
    }

    public static String targetFailed(ServiceName service, String target, String error) {
        return "service " + service + ": the " + target + " runtime target failed: " + oneLine(error);
    }

    /** The service's diagnosis from its nodes' diagnoses: failures first, then roll-backs, else any other; null when all rolled out. */
    public static String summary(List<NodeRollout> nodes) {
        String failed = join(nodes, RolloutOutcome.FAILED);
        String rolledBack = join(nodes, RolloutOutcome.ROLLED_BACK);
        String text = List.of(failed, rolledBack).stream().filter(s -> !s.isEmpty()).collect(Collectors.joining("; "));
        if (text.isEmpty()) {
            text = nodes.stream().filter(n -> n.outcome() != RolloutOutcome.ROLLED_OUT && n.diagnosis() != null)
                    .map(NodeRollout::diagnosis).collect(Collectors.joining("; "));
        }
        return text.isEmpty() ? null : text;
    }

    private static String join(List<NodeRollout> nodes, RolloutOutcome outcome) {
        return nodes.stream().filter(n -> n.outcome() == outcome && n.diagnosis() != null).map(NodeRollout::diagnosis)
                .collect(Collectors.joining("; "));
    }

    static String logExcerpt(List<String> lines) {
        List<String> kept = lines.stream().map(Diagnoses::oneLine).filter(l -> !l.isBlank()).toList();
        if (kept.isEmpty()) {
            return "it wrote no log lines";
        }
        return "last log lines: " + kept.stream().map(Diagnoses::quote).collect(Collectors.joining(", "));
    }

    /** An upper bound in tenths of a second, at least 0.1 s: "within 0.1 s" for a process that exits at once. */
    static String secondsAtMost(Duration duration) {
        long tenths = Math.max(1, (duration.toMillis() + 99) / 100);
        return String.format(Locale.ROOT, "%d.%d s", tenths / 10, tenths % 10);
    }

    /** The text on one line, trimmed; empty for null. */
    public static String oneLineOf(String text) {
        return oneLine(text);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String quote(String text) {
        String line = oneLine(text);
        if (line.length() > MAX_LINE) {
            line = line.substring(0, MAX_LINE) + "…";
        }
        return '"' + line.replace("\"", "\\\"") + '"';
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
