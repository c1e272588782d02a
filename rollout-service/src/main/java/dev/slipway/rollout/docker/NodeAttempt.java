package dev.slipway.rollout.docker;

import dev.slipway.events.names.NodeName;

/**
 * How moving a node's container to the new image went: up, or failed with a diagnosis.
 * {@code touched} says whether the node's containers were changed (so there may be something to put back);
 * {@code alreadyRolledBack} that an earlier delivery of the same event already failed and rolled back here.
 */
record NodeAttempt(NodeName node, boolean up, boolean touched, boolean alreadyRolledBack, String failure) {
    static NodeAttempt up(NodeName node, boolean touched) {
        return new NodeAttempt(node, true, touched, false, null);
    }

    static NodeAttempt failed(NodeName node, boolean touched, String failure) {
        return new NodeAttempt(node, false, touched, false, failure);
    }

    static NodeAttempt alreadyRolledBack(NodeName node, String failure) {
        return new NodeAttempt(node, false, true, true, failure);
    }
}
