package dev.slipway.events;

import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRepository;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.BuildSpec;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.ContainerCheck;
import dev.slipway.events.plan.DockerRuntime;
import dev.slipway.events.plan.HttpCheck;
import dev.slipway.events.plan.PortBinding;
import dev.slipway.events.plan.ReleasePlan;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event of every type, encoded and decoded through {@link EventCodec}: what a stage does at start so that
 * the first record it receives does not pay for loading the schemas, building the validators and Jackson's
 * (de)serializers, and loading their classes (0.7-1.7 s on the first record, measured by PipelineBench).
 */
final class CodecWarmUp {
    private CodecWarmUp() {}

    static void run(EventCodec codec) {
        ServicePlan api = new ServicePlan(ServiceName.of("api"),
                new BuildSpec(".", "services/api/Dockerfile", Map.of("SERVICE", "api")),
                ImageRepository.of("slipway-example/api"),
                new DockerRuntime(ContainerName.of("example-api"), List.of(new PortBinding("127.0.0.1", 18081, 8080)),
                        Map.of("MODE", "demo"), Map.of()));
        ReleasePlan plan = new ReleasePlan(ReleaseName.of("example"), List.of(api), new RolloutPolicy(true, 30),
                List.of(new CheckSpec("api answers 401", new HttpCheck(URI.create("http://127.0.0.1:18081/api/v1/me"),
                        List.of(401), "Unauthorized", 5), null),
                        new CheckSpec("api container", null, new ContainerCheck(ServiceName.of("api")))));
        BuildRequested request = new BuildRequested(ReleaseId.of("example-2.1.0-0a1b2c3d"), Version.of("2.1.0"),
                Instant.parse("2026-11-27T05:00:00Z"), plan);
        ReleaseContext context = ReleaseContext.of(request);
        BuiltImage image = new BuiltImage(api.image().at(Version.of("2.1.0")), ImageId.of("sha256:" + "a".repeat(64)),
                2_000_000, 2);
        List<Object> events = List.of(request,
                new ImageBuilt(context, api, StageOutcome.SUCCEEDED, image, 512, null),
                new ImageDistributed(context, api, StageOutcome.SUCCEEDED, image,
                        List.of(new NodeResult(NodeName.of("vps-1"), NodeOutcome.IMPORTED, 2_000_000, 140, null)), null),
                new RolloutDone(context, api, RolloutOutcome.ROLLED_OUT, image,
                        List.of(new NodeRollout(NodeName.of("vps-1"), RolloutOutcome.ROLLED_OUT, "example-api", null)),
                        null, 900),
                new Verified(context.releaseId(), context.release(), context.version(), Verdict.PASSED,
                        List.of(new ServiceResult(api.name(), RolloutOutcome.ROLLED_OUT, null)),
                        List.of(new CheckResult("api answers 401", "http", "status 401", "status 401", true)), null));
        for (Object event : events) {
            codec.decode(EventType.of(event.getClass()), codec.encode(event));
            EventIds.of(event);
        }
    }
}
