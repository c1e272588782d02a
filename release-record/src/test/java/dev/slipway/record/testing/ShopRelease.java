package dev.slipway.record.testing;

import dev.slipway.events.BuildRequested;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.CheckResult;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.ServiceResult;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
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

/** The events a two-service release goes through, as the stages would emit them. */
public final class ShopRelease {
    public static final NodeName NODE = NodeName.of("local");
    public final ReleaseId id;
    public final ReleasePlan plan;
    public final BuildRequested request;
    public final ReleaseContext context;

    public ShopRelease(String id) {
        this(id, Instant.parse("2026-11-27T05:00:00Z"));
    }

    /** The same release requested at another time. */
    public ShopRelease(String id, Instant requestedAt) {
        this.id = ReleaseId.of(id);
        this.plan = new ReleasePlan(ReleaseName.of("shop"), List.of(service("web", 18480), service("api", 18481)),
                new RolloutPolicy(true, 60),
                List.of(new CheckSpec("api answers 401", new HttpCheck(URI.create("http://127.0.0.1:18481/api/v1/me"),
                        List.of(401), "Unauthorized", 5), null)));
        this.request = new BuildRequested(this.id, Version.of("2.1.0"), requestedAt, plan);
        this.context = ReleaseContext.of(request);
    }

    public ServicePlan service(String name) {
        return plan.service(ServiceName.of(name)).orElseThrow();
    }

    public BuiltImage image(String service) {
        return new BuiltImage(ImageRepository.of("slipway-example/" + service).at(Version.of("2.1.0")),
                ImageId.of("sha256:1a2b3c4d5e6f" + "0".repeat(52)), 2_100_000, 2);
    }

    public ImageBuilt built(String service) {
        return new ImageBuilt(context, service(service), StageOutcome.SUCCEEDED, image(service), 600, null);
    }

    public ImageDistributed distributed(String service) {
        return new ImageDistributed(context, service(service), StageOutcome.SUCCEEDED, image(service),
                List.of(new NodeResult(NODE, NodeOutcome.IMPORTED, 2_100_000, 140, null)), null);
    }

    public RolloutDone rolledOut(String service) {
        return new RolloutDone(context, service(service), RolloutOutcome.ROLLED_OUT, image(service),
                List.of(new NodeRollout(NODE, RolloutOutcome.ROLLED_OUT, "shop-" + service, null)), null, 400);
    }

    public RolloutDone rolledBack(String service, String diagnosis) {
        return new RolloutDone(context, service(service), RolloutOutcome.ROLLED_BACK, image(service),
                List.of(new NodeRollout(NODE, RolloutOutcome.ROLLED_BACK, "shop-" + service, diagnosis)), diagnosis, 2100);
    }

    public Verified passed() {
        return new Verified(id, plan.release(), request.version(), Verdict.PASSED,
                List.of(new ServiceResult(ServiceName.of("web"), RolloutOutcome.ROLLED_OUT, null),
                        new ServiceResult(ServiceName.of("api"), RolloutOutcome.ROLLED_OUT, null)),
                List.of(new CheckResult("api answers 401", "http", "status 401, body contains 'Unauthorized'",
                        "status 401, body {\"error\":\"Unauthorized\"}", true)),
                null);
    }

    public Verified failed(String diagnosis) {
        return new Verified(id, plan.release(), request.version(), Verdict.FAILED,
                List.of(new ServiceResult(ServiceName.of("web"), RolloutOutcome.ROLLED_OUT, null),
                        new ServiceResult(ServiceName.of("api"), RolloutOutcome.ROLLED_BACK, diagnosis)),
                List.of(new CheckResult("api answers 401", "http", "status 401, body contains 'Unauthorized'",
                        "connection refused", false)),
                diagnosis);
    }

    private static ServicePlan service(String name, int port) {
        return new ServicePlan(ServiceName.of(name), new BuildSpec(".", "services/" + name + "/Dockerfile", Map.of()),
                ImageRepository.of("slipway-example/" + name),
                new DockerRuntime(ContainerName.of("shop-" + name), List.of(new PortBinding("127.0.0.1", port, 8080)),
                        Map.of(), Map.of()));
    }
}
