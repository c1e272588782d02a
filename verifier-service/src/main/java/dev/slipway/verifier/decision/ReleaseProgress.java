package dev.slipway.verifier.decision;

import dev.slipway.events.InvalidEventException;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ServiceName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the verifier knows of one release: the RolloutDone of each service received so far, the
 * Verified it decided (kept so a restart re-emits the same one), whether that Verified was sent, and when the
 * release was requested (kept after the RolloutDones are dropped, to tell when its state may be forgotten).
 * Immutable; every step returns the next state.
 */
public record ReleaseProgress(ReleaseId releaseId, List<RolloutDone> rollouts, Verified verified, boolean emitted,
        Instant requestedAt) {
    public ReleaseProgress {
        rollouts = rollouts == null ? List.of() : List.copyOf(rollouts);
        if (emitted && verified == null) {
            throw new IllegalArgumentException("release " + releaseId + " cannot be emitted without a Verified");
        }
    }

    public static ReleaseProgress none(ReleaseId releaseId) {
        return new ReleaseProgress(releaseId, List.of(), null, false, null);
    }

    /**
     * Records a service's RolloutDone (a redelivery replaces the earlier one). Refuses an event that
     * does not belong to this release as the earlier events describe it.
     */
    public ReleaseProgress with(RolloutDone done) {
        ReleaseContext release = done.release();
        if (!release.releaseId().equals(releaseId)) {
            throw new IllegalArgumentException("RolloutDone of release " + release.releaseId() + " given to " + releaseId);
        }
        ServiceName service = done.service().name();
        if (!release.services().contains(service)) {
            throw new InvalidEventException("RolloutDone of release " + releaseId + " is for service '" + service
                    + "', which is not among the release's services " + release.services());
        }
        context().filter(known -> !known.services().equals(release.services())).ifPresent(known -> {
            throw new InvalidEventException("RolloutDone of release " + releaseId + " for service '" + service
                    + "' lists services " + release.services() + ", earlier events of the release list "
                    + known.services());
        });
        List<RolloutDone> next = new ArrayList<>();
        for (RolloutDone earlier : rollouts) {
            if (!earlier.service().name().equals(service)) {
                next.add(earlier);
            }
        }
        next.add(done);
        return new ReleaseProgress(releaseId, next, verified, emitted,
                requestedAt != null ? requestedAt : release.requestedAt());
    }

    /** The release as the first RolloutDone described it; empty before any arrived. */
    public Optional<ReleaseContext> context() {
        return rollouts.isEmpty() ? Optional.empty() : Optional.of(rollouts.get(0).release());
    }

    /** The services of the release whose RolloutDone has not arrived yet, in the release's order. */
    public List<ServiceName> missingServices() {
        return context().map(release -> release.services().stream()
                        .filter(service -> rollout(service).isEmpty())
                        .toList())
                .orElse(List.of());
    }

    /** True once every service of the release has its RolloutDone. */
    public boolean complete() {
        return context().isPresent() && missingServices().isEmpty();
    }

    public Optional<RolloutDone> rollout(ServiceName service) {
        return rollouts.stream().filter(done -> done.service().name().equals(service)).findFirst();
    }

    /** The complete release, in the release's service order; only when {@link #complete()}. */
    public RolledOutRelease rolledOut() {
        if (!complete()) {
            throw new IllegalStateException("release " + releaseId + " still waits for " + missingServices());
        }
        ReleaseContext release = context().orElseThrow();
        Map<ServiceName, RolloutDone> byService = new LinkedHashMap<>();
        for (ServiceName service : release.services()) {
            byService.put(service, rollout(service).orElseThrow());
        }
        return new RolledOutRelease(release, byService);
    }

    /** The verdict decided, not yet sent. */
    public ReleaseProgress decided(Verified verdict) {
        return new ReleaseProgress(releaseId, rollouts, verdict, false, requestedAt);
    }

    /**
     * The verdict is on the verified topic. The RolloutDones are dropped: what remains is enough to
     * answer a redelivery with "already verified".
     */
    public ReleaseProgress sent() {
        if (verified == null) {
            throw new IllegalStateException("release " + releaseId + " has no verdict to mark as sent");
        }
        return new ReleaseProgress(releaseId, List.of(), verified, true, requestedAt);
    }
}
