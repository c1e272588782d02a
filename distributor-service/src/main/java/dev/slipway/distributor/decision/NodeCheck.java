package dev.slipway.distributor.decision;

import dev.slipway.events.names.NodeName;

/** What asking one node "do you hold this image id?" found; {@code error} says why it could not answer. */
public record NodeCheck(NodeName node, Presence presence, String error) {
    /** The answer of one node. */
    public enum Presence {
        HOLDS,
        LACKS,
        UNREACHABLE
    }

    public static NodeCheck holds(NodeName node) {
        return new NodeCheck(node, Presence.HOLDS, null);
    }

    public static NodeCheck lacks(NodeName node) {
        return new NodeCheck(node, Presence.LACKS, null);
    }

    public static NodeCheck unreachable(NodeName node, String error) {
        return new NodeCheck(node, Presence.UNREACHABLE, error);
    }
}
