package dev.slipway.bench.history;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A past release of the example's two services (web, api) on one node, as the stages write it: request, then per
 * service image-built, image-distributed and rollout-done, then the verdict; every tenth release FAILED (api rolled
 * back). Each event comes with the time it was written, seconds apart like a real release.
 */
record PastRelease(ReleaseId id, Instant requestedAt, boolean failed) {
    record Timed(Object event, Instant time) {}

    private static final NodeName NODE = NodeName.of("local");

    static PastRelease number(int n, Instant requestedAt) {
        String hex = String.format(Locale.ROOT, "%08x", n * 2654435761L & 0xffffffffL);
        return new PastRelease(ReleaseId.of("shop-2." + (n / 1000) + "." + (n % 1000) + "-" + hex), requestedAt, n % 10 == 9);
    }

    Version version() {
        return Version.of(id.value().substring("shop-".length(), id.value().lastIndexOf('-')));
    }

    List<Timed> events() {
        ReleasePlan plan = new ReleasePlan(ReleaseName.of("shop"), List.of(service("web", 18480), service("api", 18481)),
                new RolloutPolicy(true, 60),
                List.of(new CheckSpec("api answers 401", new HttpCheck(URI.create("http://127.0.0.1:18481/api/v1/me"),
                        List.of(401), "Unauthorized", 5), null)));
        BuildRequested request = new BuildRequested(id, version(), requestedAt, plan);
        ReleaseContext context = ReleaseContext.of(request);
        List<Timed> events = new ArrayList<>(List.of(new Timed(request, requestedAt)));
        String diagnosis = "api on node local: container shop-api exited with code 1; last log line: boom";
        for (String name : List.of("web", "api")) {
            ServicePlan service = plan.service(ServiceName.of(name)).orElseThrow();
            BuiltImage image = new BuiltImage(ImageRepository.of("slipway-example/" + name).at(version()),
                    ImageId.of("sha256:1a2b3c4d5e6f" + "0".repeat(52)), 2_100_000, 2);
            boolean rolledBack = failed && name.equals("api");
            events.add(new Timed(new ImageBuilt(context, service, StageOutcome.SUCCEEDED, image, 600, null), after(3)));
            events.add(new Timed(new ImageDistributed(context, service, StageOutcome.SUCCEEDED, image,
                    List.of(new NodeResult(NODE, NodeOutcome.IMPORTED, 2_100_000, 140, null)), null), after(4)));
            RolloutOutcome outcome = rolledBack ? RolloutOutcome.ROLLED_BACK : RolloutOutcome.ROLLED_OUT;
            events.add(new Timed(new RolloutDone(context, service, outcome, image,
                    List.of(new NodeRollout(NODE, outcome, "shop-" + name, rolledBack ? diagnosis : null)),
                    rolledBack ? diagnosis : null, 400), after(6)));
        }
        events.add(new Timed(new Verified(id, plan.release(), version(), failed ? Verdict.FAILED : Verdict.PASSED,
                List.of(new ServiceResult(ServiceName.of("web"), RolloutOutcome.ROLLED_OUT, null),
                        new ServiceResult(ServiceName.of("api"), failed ? RolloutOutcome.ROLLED_BACK : RolloutOutcome.ROLLED_OUT,
                                failed ? diagnosis : null)),
                List.of(new CheckResult("api answers 401", "http", "status 401, body contains 'Unauthorized'",
                        failed ? "connection refused" : "status 401, body {\"error\":\"Unauthorized\"}", !failed)),
                failed ? diagnosis : null), after(8)));
        return events;
    }

    private Instant after(int seconds) {
        return requestedAt.plus(Duration.ofSeconds(seconds));
    }

    private static ServicePlan service(String name, int port) {
        return new ServicePlan(ServiceName.of(name), new BuildSpec(".", "services/" + name + "/Dockerfile", Map.of()),
                ImageRepository.of("slipway-example/" + name),
                new DockerRuntime(ContainerName.of("shop-" + name), List.of(new PortBinding("127.0.0.1", port, 8080)),
                        Map.of(), Map.of()));
    }
}
