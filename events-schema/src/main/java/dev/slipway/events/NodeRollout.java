package dev.slipway.events;

import dev.slipway.events.names.NodeName;

/**
 * The rollout of one service on one node (a container on a Docker host, say), with a diagnosis when it failed, and the
 * image the node's container or the workload ran before the release changed it ({@code previousImage}: a reference
 * or an image id; null when nothing ran before, when it already ran the release's image, or in events written before
 * the field existed).
 */
public record NodeRollout(NodeName node, RolloutOutcome outcome, String target, String diagnosis, String previousImage) {
    public NodeRollout(NodeName node, RolloutOutcome outcome, String target, String diagnosis) {
        this(node, outcome, target, diagnosis, null);
    }

    /** The same row with the image that ran before the release. */
    public NodeRollout withPreviousImage(String image) {
        return new NodeRollout(node, outcome, target, diagnosis, image);
    }
}
