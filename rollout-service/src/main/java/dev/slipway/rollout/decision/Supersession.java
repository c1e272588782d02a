package dev.slipway.rollout.decision;

import dev.slipway.events.ReleaseContext;
import dev.slipway.events.names.ServiceName;
import java.util.Optional;

/**
 * Releases only move forward: a release requested before the one already applied to the service is
 * not rolled out (SKIPPED, "superseded by …"). This is what keeps a replay of the topics (a new consumer
 * group, offsets expired) or a late redelivery from putting an old version back live.
 */
public final class Supersession {
    private Supersession() {}

    /** Why {@code incoming} must not be rolled out over {@code applied}; empty when it may. */
    public static Optional<String> of(ReleaseContext incoming, ServiceName service, AppliedRelease applied) {
        if (incoming.requestedAt() == null || applied.release().equals(incoming.releaseId())
                || !applied.requestedAt().isAfter(incoming.requestedAt())) {
            return Optional.empty();
        }
        return Optional.of("not rolled out: superseded by release " + applied.release() + " (requested at "
                + applied.requestedAt() + ", after this release's " + incoming.requestedAt() + "), which "
                + applied.where() + " already runs; releases of a service only move forward, nothing was changed for "
                + service);
    }

    /** Why {@code incoming} is not rolled out when {@code newer}, requested after it, waits for the same workload. */
    public static String byWaiting(ReleaseContext incoming, ServiceName service, ReleaseContext newer) {
        return "not rolled out: superseded by release " + newer.releaseId() + " (requested at " + newer.requestedAt()
                + ", after this release's " + incoming.requestedAt() + "), which was waiting for the same workload; "
                + "releases of a service only move forward, nothing was changed for " + service;
    }
}
