package dev.slipway.rollout.testing;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.ImageRepository;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.BuildSpec;
import dev.slipway.events.plan.DockerRuntime;
import dev.slipway.events.plan.PortBinding;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import java.util.List;
import java.util.Map;

/** Events as the distributor would send them, for tests. */
public final class Events {
    private Events() {}

    public static ServicePlan service(String name, ContainerName container, int hostPort) {
        return new ServicePlan(ServiceName.of(name), new BuildSpec(".", "services/" + name + "/Dockerfile", Map.of()),
                ImageRepository.of("slipway-test-rollout/" + name),
                new DockerRuntime(container, List.of(new PortBinding("127.0.0.1", hostPort, 8080)), Map.of("MODE", "test"),
                        Map.of("team", "rollout")));
    }

    public static ReleaseContext release(String releaseId, String version, ServicePlan service, RolloutPolicy policy) {
        return new ReleaseContext(ReleaseId.of(releaseId), ReleaseName.of("example"), Version.of(version),
                List.of(service.name()), policy, List.of());
    }

    /** Requested at {@code requestedAt}: ordered against the release a service already runs. */
    public static ReleaseContext release(String releaseId, String version, ServicePlan service, RolloutPolicy policy,
            java.time.Instant requestedAt) {
        return new ReleaseContext(ReleaseId.of(releaseId), ReleaseName.of("example"), Version.of(version),
                List.of(service.name()), policy, List.of(), null, requestedAt);
    }

    public static BuiltImage image(ServicePlan service, String version, ImageId id) {
        return new BuiltImage(ImageRef.parse(service.image().value() + ":" + version), id, 2_000_000, 2);
    }

    public static ImageDistributed distributed(ReleaseContext release, ServicePlan service, BuiltImage image, String... nodes) {
        List<NodeResult> results = java.util.Arrays.stream(nodes)
                .map(n -> new NodeResult(NodeName.of(n), NodeOutcome.ALREADY_PRESENT, 0, 3, null)).toList();
        return new ImageDistributed(release, service, StageOutcome.SUCCEEDED, image, results, null);
    }

    public static ImageId fakeId(char hex) {
        return ImageId.of("sha256:" + String.valueOf(hex).repeat(64));
    }
}
