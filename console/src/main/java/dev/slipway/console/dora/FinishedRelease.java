package dev.slipway.console.dora;

import java.time.Instant;
import java.util.Set;

/** A release with a verdict, as the DORA measures need it: who, which services, when asked, when judged, how. */
public record FinishedRelease(String releaseId, String release, Set<String> services, Instant requestedAt, Instant verifiedAt,
        boolean passed) {
    public FinishedRelease {
        services = Set.copyOf(services);
    }
}
