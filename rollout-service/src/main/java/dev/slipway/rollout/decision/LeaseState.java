package dev.slipway.rollout.decision;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A workload's Lease as read: who holds it, since when it was last renewed, for how long. {@link #judge} says
 * whether a replica may take it: FREE when nobody holds it or its holder let it expire (renewTime + duration
 * before now: the replica that took it is gone), OURS when this replica already holds it for this release (a
 * rollout resumed after a restart under the same instance id), HELD otherwise.
 */
public record LeaseState(String holder, Instant renewedAt, Duration duration) {
    public enum Verdict { FREE, OURS, HELD }

    public static LeaseState of(Lease lease) {
        LeaseSpec spec = lease.getSpec();
        if (spec == null) {
            return new LeaseState(null, null, null);
        }
        Instant renewed = instantOf(spec.getRenewTime()).or(() -> instantOf(spec.getAcquireTime())).orElse(null);
        Duration duration = spec.getLeaseDurationSeconds() == null ? null : Duration.ofSeconds(spec.getLeaseDurationSeconds());
        return new LeaseState(spec.getHolderIdentity(), renewed, duration);
    }

    public Verdict judge(String me, Instant now) {
        if (holder == null || holder.isBlank()) {
            return Verdict.FREE;
        }
        if (holder.equals(me)) {
            return Verdict.OURS;
        }
        return expiresAt().filter(end -> !end.isBefore(now)).isPresent() ? Verdict.HELD : Verdict.FREE;
    }

    /** When it expires unless renewed; empty when it says neither when it was renewed nor for how long (it cannot hold). */
    public Optional<Instant> expiresAt() {
        return renewedAt == null || duration == null ? Optional.empty() : Optional.of(renewedAt.plus(duration));
    }

    private static Optional<Instant> instantOf(ZonedDateTime time) {
        return Optional.ofNullable(time).map(ZonedDateTime::toInstant);
    }
}
