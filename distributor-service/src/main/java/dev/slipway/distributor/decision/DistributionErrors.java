package dev.slipway.distributor.decision;

import dev.slipway.events.NodeResult;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ServiceName;
import java.util.List;
import java.util.stream.Collectors;

/** The messages a user reads when distribution fails, in one place: each names what failed and what to do. */
public final class DistributionErrors {
    private DistributionErrors() {}

    /** A failed build, passed through. */
    public static String buildFailed(ServiceName service, String builderError) {
        return "not distributed: the build of " + service + " failed: " + builderError;
    }

    /** The service outcome when some nodes failed. */
    public static String nodesFailed(ReleaseId release, ServiceName service, List<NodeResult> failed, int nodeCount) {
        String names = failed.stream().map(result -> result.node().value()).collect(Collectors.joining(", "));
        String reasons = failed.stream().map(result -> result.error()).collect(Collectors.joining("; "));
        return "release " + release + ": the image of " + service + " is not on " + failed.size() + " of " + nodeCount
                + (nodeCount == 1 ? " node" : " nodes") + " (" + names + "): " + reasons
                + ". Fix the node and release again: nodes that already hold the image are skipped.";
    }

    /** No node was configured (startup refuses this; kept so an empty result never reads as success). */
    public static String noNodes(ReleaseId release, ServiceName service) {
        return "release " + release + ": the image of " + service
                + " was put on no node: no node is configured (slipway.nodes.<node-name>.engine)";
    }

    /** A node could not be asked whether it holds the image; {@code setting} is the key that names its address. */
    public static String unreachable(NodeName node, String kind, String address, String cause, String setting) {
        return "node " + node + ": cannot reach the " + kind + " node at " + address + " (" + cause
                + "). Check that it is up and that " + setting + " points at it.";
    }

    /** The node took the archive but does not hold the image id afterwards. */
    public static String notHeldAfterImport(NodeName node, String address, ImageId id) {
        return "node " + node + " (" + address + "): the import finished but the node does not hold " + id
                + ". Look at the node's engine log for the import.";
    }

    /** The import on the node failed. */
    public static String importFailed(NodeName node, String address, ImageRef ref, String cause) {
        return "node " + node + " (" + address + "): importing " + ref + " failed: " + cause;
    }

    /** The one read of the image from the build engine failed, so no node that needed it got it. */
    public static String sourceFailed(ImageRef ref, String sourceAddress, String cause) {
        return "reading " + ref + " from the build engine " + sourceAddress + " failed: " + cause;
    }

    /** Something unexpected stopped the whole distribution of a service. */
    public static String unexpected(ReleaseId release, ServiceName service, String cause) {
        return "release " + release + ": distributing " + service + " stopped: " + cause
                + ". See the distributor's log; releasing again re-sends only to nodes that lack the image.";
    }
}
