package dev.slipway.events;

import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.Version;
import java.util.List;

/** dev.slipway.release.verified.v1: exactly one per release, a row per service and per check. */
public record Verified(ReleaseId releaseId, ReleaseName release, Version version, Verdict verdict,
        List<ServiceResult> services, List<CheckResult> checks, String diagnosis) {
    public Verified {
        services = List.copyOf(services);
        checks = List.copyOf(checks);
    }
}
