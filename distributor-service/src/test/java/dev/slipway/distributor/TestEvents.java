package dev.slipway.distributor;

import dev.slipway.events.BuildRequested;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRef;
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

/** ImageBuilt events as the builder emits them, for the tests. */
public final class TestEvents {
    private TestEvents() {}

    public static ServicePlan service(String name, String repository) {
        return new ServicePlan(ServiceName.of(name), new BuildSpec(".", "Dockerfile", Map.of()),
                ImageRepository.of(repository), null);
    }

    public static ReleaseContext release(String releaseId, ServicePlan service) {
        ReleasePlan plan = new ReleasePlan(ReleaseName.of("example"), List.of(service), RolloutPolicy.DEFAULT, List.of());
        return ReleaseContext.of(new BuildRequested(ReleaseId.of(releaseId), Version.of("1.0"),
                Instant.parse("2026-11-27T05:00:00Z"), plan));
    }

    public static ImageBuilt built(String releaseId, String service, ImageRef ref, ImageId id) {
        return built(releaseId, service, new BuiltImage(ref, id, 2_000_000, 1));
    }

    public static ImageBuilt built(String releaseId, String service, BuiltImage image) {
        ServicePlan plan = service(service, image.ref().repository().value());
        return new ImageBuilt(release(releaseId, plan), plan, StageOutcome.SUCCEEDED, image, 500, null);
    }

    public static ImageBuilt failedBuild(String releaseId, String service, String error) {
        ServicePlan plan = service(service, "example/" + service);
        return new ImageBuilt(release(releaseId, plan), plan, StageOutcome.FAILED, null, 300, error);
    }

    public static ImageId id(char hex) {
        return ImageId.of("sha256:" + String.valueOf(hex).repeat(64));
    }
}
