package dev.slipway.distributor.stage;

import dev.slipway.distributor.transport.NodeTransport;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ReleaseId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One service's distribution in progress: when it started and each node's result so far, each logged
 * with release, service and node as it is recorded. Durations count from the start of the service's
 * distribution to the moment the node's result was known.
 */
final class DistributionRun {
    private static final Logger LOG = Logger.getLogger(DistributionRun.class);

    private final ImageBuilt built;
    private final long startNanos = System.nanoTime();
    private final Map<NodeName, NodeResult> results = new HashMap<>();

    DistributionRun(ImageBuilt built) {
        this.built = built;
    }

    BuiltImage image() {
        return built.image();
    }

    ReleaseId releaseId() {
        return built.release().releaseId();
    }

    synchronized void result(NodeName node, NodeOutcome outcome, long bytes) {
        record(new NodeResult(node, outcome, bytes, elapsedMillis(), null));
    }

    synchronized void failed(NodeName node, long bytes, String error) {
        record(new NodeResult(node, NodeOutcome.FAILED, bytes, elapsedMillis(), error));
    }

    private void record(NodeResult result) {
        results.put(result.node(), result);
        if (result.outcome() == NodeOutcome.FAILED) {
            LOG.warnf("release %s service %s node %s: %s after %d ms, %d bytes sent: %s", built.release().releaseId(),
                    built.service().name(), result.node(), result.outcome(), result.durationMillis(), result.bytes(),
                    result.error());
        } else {
            LOG.infof("release %s service %s node %s: %s %s after %d ms, %d bytes sent", built.release().releaseId(),
                    built.service().name(), result.node(), result.outcome(), built.image().id(), result.durationMillis(),
                    result.bytes());
        }
    }

    private long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    synchronized List<NodeResult> resultsInNodeOrder(List<NodeTransport> nodes) {
        List<NodeResult> ordered = new ArrayList<>();
        nodes.forEach(node -> ordered.add(results.get(node.node())));
        return ordered;
    }
}
