package dev.slipway.events;

import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.ReleasePlan;
import java.time.Instant;

/**
 * dev.slipway.build.requested.v1: a release was asked for; carries the whole plan so the log alone tells what,
 * and the monorepo commit it was requested from ({@code source}; absent for requests made without one).
 */
public record BuildRequested(ReleaseId releaseId, Version version, Instant requestedAt, ReleasePlan plan,
        SourceRevision source) {
    /** Without a source commit. */
    public BuildRequested(ReleaseId releaseId, Version version, Instant requestedAt, ReleasePlan plan) {
        this(releaseId, version, requestedAt, plan, null);
    }
}
