package dev.slipway.verifier.decision;

import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.NodeName;

/**
 * The service's container as one node's engine reports it. {@code state} is the engine's state
 * ("running", "exited", ...) or {@link #ABSENT}/{@link #UNREACHABLE}; {@code health} is the
 * HEALTHCHECK status when the image has one; {@code detail} says more (exit code, engine error).
 */
public record ContainerObservation(NodeName node, String state, ImageId image, String health, String detail) {
    public static final String ABSENT = "absent";
    public static final String UNREACHABLE = "unreachable";

    public static ContainerObservation absent(NodeName node) {
        return new ContainerObservation(node, ABSENT, null, null, null);
    }

    public static ContainerObservation unreachable(NodeName node, String error) {
        return new ContainerObservation(node, UNREACHABLE, null, null, error);
    }

    public boolean runs(ImageId expected) {
        return "running".equals(state)
                && (health == null || "healthy".equals(health))
                && expected != null && expected.equals(image);
    }
}
