package dev.slipway.rollout.decision;

import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ReleaseId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to do on one node to move a service's container to a new image, given what the node holds:
 * the container at the service's name ({@code current}), the kept {@code <name>.previous} and
 * the {@code <name>.failed} kept after a roll-back.
 * Idempotent by construction: replaying it after an interruption, or for a redelivered event,
 * never loses the container to go back to and never replaces a container already at the image.
 */
public record ReplacementPlan(List<ReplacementStep> steps) {
    public ReplacementPlan {
        steps = List.copyOf(steps);
    }

    public static ReplacementPlan decide(Optional<ExistingContainer> current, Optional<ExistingContainer> previous,
            Optional<ExistingContainer> failed, ImageId image, ReleaseId release) {
        List<ReplacementStep> steps = new ArrayList<>();
        boolean currentAtImage = current.isPresent() && current.get().runs(image);
        if (!currentAtImage && failed.isPresent() && failed.get().runs(image) && failed.get().fromRelease(release)) {
            return new ReplacementPlan(List.of(ReplacementStep.ALREADY_ROLLED_BACK));
        }
        if (failed.isPresent()) {
            steps.add(ReplacementStep.REMOVE_STALE_FAILED);
        }
        if (currentAtImage) {
            boolean neverStarted = current.get().state().status() == ContainerStatus.CREATED;
            steps.add(neverStarted ? ReplacementStep.START_CURRENT : ReplacementStep.WATCH_CURRENT);
            return new ReplacementPlan(steps);
        }
        if (current.isPresent()) {
            if (current.get().isActive()) {
                if (previous.isPresent()) {
                    steps.add(ReplacementStep.REMOVE_STALE_PREVIOUS);
                }
                steps.add(ReplacementStep.STOP_CURRENT);
                steps.add(ReplacementStep.KEEP_CURRENT_AS_PREVIOUS);
            } else if (previous.isPresent()) {
                steps.add(ReplacementStep.REMOVE_CURRENT);
            } else {
                steps.add(ReplacementStep.KEEP_CURRENT_AS_PREVIOUS);
            }
        }
        steps.add(ReplacementStep.CREATE_AND_START);
        return new ReplacementPlan(steps);
    }

    /** True when the node already holds the container at the image and nothing is replaced. */
    public boolean keepsCurrent() {
        return steps.contains(ReplacementStep.WATCH_CURRENT) || steps.contains(ReplacementStep.START_CURRENT)
                || alreadyRolledBack();
    }

    public boolean alreadyRolledBack() {
        return steps.contains(ReplacementStep.ALREADY_ROLLED_BACK);
    }
}
