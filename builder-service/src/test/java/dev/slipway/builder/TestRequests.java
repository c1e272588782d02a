package dev.slipway.builder;

import dev.slipway.events.BuildRequested;
import dev.slipway.events.names.ImageRepository;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.BuildSpec;
import dev.slipway.events.plan.ReleasePlan;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Build requests and service plans as the CLI would publish them. */
public final class TestRequests {
    private TestRequests() {}

    public static ServicePlan service(String name, String repository, String context, String dockerfile,
            Map<String, String> args) {
        return new ServicePlan(ServiceName.of(name), new BuildSpec(context, dockerfile, args),
                ImageRepository.of(repository), null);
    }

    /** Requested now: young enough for the builder's slipway.builder.max-request-age. */
    public static BuildRequested request(String releaseId, String version, ServicePlan... services) {
        return requestedAt(Instant.now(), releaseId, version, services);
    }

    public static BuildRequested requestedAt(Instant time, String releaseId, String version, ServicePlan... services) {
        return new BuildRequested(ReleaseId.of(releaseId), Version.of(version), time,
                new ReleasePlan(ReleaseName.of("shop"), List.of(services), RolloutPolicy.DEFAULT, List.of()));
    }
}
