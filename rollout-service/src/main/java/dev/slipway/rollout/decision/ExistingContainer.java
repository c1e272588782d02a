package dev.slipway.rollout.decision;

import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ReleaseId;

/**
 * A container found on a node: its id, name, the image id it was created from, the release that
 * created it (its {@code dev.slipway.release-id} label, null when not Slipway's) and its state now.
 */
public record ExistingContainer(String id, ContainerName name, String imageId, String releaseId, ContainerState state) {
    public boolean fromRelease(ReleaseId release) {
        return release.value().equals(releaseId);
    }

    public boolean runs(ImageId image) {
        return image.value().equals(imageId);
    }

    /** Running, restarting or paused: it holds the service's ports and must be stopped to be replaced. */
    public boolean isActive() {
        return switch (state.status()) {
            case RUNNING, RESTARTING, PAUSED -> true;
            default -> false;
        };
    }
}
