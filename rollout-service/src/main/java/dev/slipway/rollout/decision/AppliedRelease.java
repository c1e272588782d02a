package dev.slipway.rollout.decision;

import dev.slipway.events.names.ReleaseId;
import java.time.Instant;
import java.util.Optional;

/**
 * The newest release already applied to a service, as its runtime records it: a container's labels
 * ({@code dev.slipway.release-id}, {@code dev.slipway.requested-at}) or a workload's annotations
 * ({@code dev.slipway/newest-release}, {@code dev.slipway/newest-requested-at}). {@code where} names it.
 */
public record AppliedRelease(ReleaseId release, Instant requestedAt, String where) {
    /** Read from the recorded strings; empty when either is missing or unreadable (written before releases were ordered). */
    public static Optional<AppliedRelease> of(String release, String requestedAt, String where) {
        if (release == null || requestedAt == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AppliedRelease(ReleaseId.of(release), Instant.parse(requestedAt), where));
        } catch (RuntimeException e) { // DateTimeParseException, InvalidNameException
            return Optional.empty();
        }
    }
}
