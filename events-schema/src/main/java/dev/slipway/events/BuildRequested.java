package dev.slipway.events;

import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.ReleasePlan;
import java.time.Instant;

/** dev.slipway.build.requested.v1: a release was asked for; carries the whole plan so the log alone tells what. */
public record BuildRequested(ReleaseId releaseId, Version version, Instant requestedAt, ReleasePlan plan) {}
