package dev.slipway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.ReleasePlan;
import java.time.Instant;

/**
 * dev.slipway.build.requested.v1: a release was asked for; carries the whole plan so the log alone tells what,
 * the monorepo commit it was requested from ({@code source}; absent for requests made without one), and whether
 * it may replace the images of a version already built from other content ({@code replaceVersion}, asked for
 * with {@code slipway release --replace-version}; absent means no).
 */
public record BuildRequested(ReleaseId releaseId, Version version, Instant requestedAt, ReleasePlan plan,
        SourceRevision source, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean replaceVersion) {
    /** Not replacing a version built before. */
    public BuildRequested(ReleaseId releaseId, Version version, Instant requestedAt, ReleasePlan plan, SourceRevision source) {
        this(releaseId, version, requestedAt, plan, source, false);
    }

    /** Without a source commit. */
    public BuildRequested(ReleaseId releaseId, Version version, Instant requestedAt, ReleasePlan plan) {
        this(releaseId, version, requestedAt, plan, null, false);
    }
}
