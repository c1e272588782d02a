package dev.slipway.events;

import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.DistributionPolicy;
import dev.slipway.events.plan.ReleasePlan;
import dev.slipway.events.plan.RolloutPolicy;
import java.time.Instant;
import java.util.List;

/**
 * The slice of the release every event after BuildRequested carries, so each stage works from the
 * event alone: which services the release has, how to distribute and roll out, what to check at the end,
 * and when it was requested (which orders releases: a stage never puts an older release over a newer one).
 */
public record ReleaseContext(ReleaseId releaseId, ReleaseName release, Version version, List<ServiceName> services,
        RolloutPolicy rollout, List<CheckSpec> checks, DistributionPolicy distribution, Instant requestedAt) {
    public ReleaseContext {
        services = List.copyOf(services);
        checks = checks == null ? List.of() : List.copyOf(checks);
        distribution = distribution == null ? DistributionPolicy.DEFAULT : distribution;
    }

    /** Without the request's time (events written before releases carried it). */
    public ReleaseContext(ReleaseId releaseId, ReleaseName release, Version version, List<ServiceName> services,
            RolloutPolicy rollout, List<CheckSpec> checks, DistributionPolicy distribution) {
        this(releaseId, release, version, services, rollout, checks, distribution, null);
    }

    /** With the default distribution policy (a failed node fails the service). */
    public ReleaseContext(ReleaseId releaseId, ReleaseName release, Version version, List<ServiceName> services,
            RolloutPolicy rollout, List<CheckSpec> checks) {
        this(releaseId, release, version, services, rollout, checks, DistributionPolicy.DEFAULT);
    }

    public static ReleaseContext of(BuildRequested request) {
        ReleasePlan plan = request.plan();
        return new ReleaseContext(request.releaseId(), plan.release(), request.version(), plan.serviceNames(),
                plan.rollout(), plan.checks(), plan.distribution(), request.requestedAt());
    }
}
