package dev.slipway.cdevents;

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
import dev.slipway.events.names.KubeName;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.BuildSpec;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.DockerRuntime;
import dev.slipway.events.plan.HttpCheck;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.events.plan.PortBinding;
import dev.slipway.events.plan.PullPolicy;
import dev.slipway.events.plan.ReleasePlan;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.events.plan.WorkloadKind;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The events of a release of "shop" (web on Docker hosts, api a Kubernetes Deployment), as the stages emit them. */
final class Releases {
    static final NodeName NODE_A = NodeName.of("vps-1");
    static final NodeName NODE_B = NodeName.of("vps-2");
    final ReleaseId id = ReleaseId.of("shop-2.1.0-5c1257a2");
    final ReleasePlan plan = new ReleasePlan(ReleaseName.of("shop"), List.of(web(), api()), new RolloutPolicy(true, 60),
            List.of(new CheckSpec("api answers 401", new HttpCheck(URI.create("http://127.0.0.1:18481/api/v1/me"),
                    List.of(401), "Unauthorized", 5), null)));
    final BuildRequested request = new BuildRequested(id, Version.of("2.1.0"), Instant.parse("2026-11-27T05:00:00Z"), plan);
    final ReleaseContext context = ReleaseContext.of(request);

    ServicePlan service(String name) {
        return plan.service(ServiceName.of(name)).orElseThrow();
    }

    BuiltImage image(String service) {
        return new BuiltImage(ImageRepository.of("gx-protocol/" + service).at(Version.of("2.1.0")),
                ImageId.of("sha256:1a2b3c4d5e6f" + "0".repeat(52)), 346_000_000, 7);
    }

    ImageBuilt built(String service) {
        return new ImageBuilt(context, service(service), StageOutcome.SUCCEEDED, image(service), 41_200, null);
    }

    ImageBuilt buildFailed(String service) {
        return new ImageBuilt(context, service(service), StageOutcome.FAILED, null, 3_100,
                "step 4/9 RUN npm ci: exit code 1");
    }

    ImageDistributed distributed(String service) {
        return new ImageDistributed(context, service(service), StageOutcome.SUCCEEDED, image(service),
                List.of(new NodeResult(NODE_A, NodeOutcome.IMPORTED, 346_000_000, 9_800, null),
                        new NodeResult(NODE_B, NodeOutcome.ALREADY_PRESENT, 0, 40, null)), null);
    }

    ImageDistributed distributionFailed(String service) {
        return new ImageDistributed(context, service(service), StageOutcome.FAILED, image(service),
                List.of(new NodeResult(NODE_A, NodeOutcome.FAILED, 12_000, 300, "ctr: content digest not found")),
                "node vps-1 failed: ctr: content digest not found");
    }

    RolloutDone rolledOut(String service) {
        return new RolloutDone(context, service(service), RolloutOutcome.ROLLED_OUT, image(service),
                List.of(new NodeRollout(NODE_A, RolloutOutcome.ROLLED_OUT, "shop-" + service, null),
                        new NodeRollout(NODE_B, RolloutOutcome.ROLLED_OUT, "shop-" + service, null)), null, 3_200);
    }

    RolloutDone rolledBack(String service, String diagnosis) {
        return new RolloutDone(context, service(service), RolloutOutcome.ROLLED_BACK, image(service),
                List.of(new NodeRollout(NODE_A, RolloutOutcome.ROLLED_BACK, "shop-" + service, diagnosis)), diagnosis,
                21_000);
    }

    RolloutDone ended(String service, RolloutOutcome outcome) {
        return new RolloutDone(context, service(service), outcome, outcome == RolloutOutcome.SKIPPED ? null : image(service),
                List.of(), "image-distributed FAILED for " + service, 0);
    }

    Verified passed() {
        return new Verified(id, plan.release(), request.version(), Verdict.PASSED,
                List.of(new ServiceResult(ServiceName.of("web"), RolloutOutcome.ROLLED_OUT, null),
                        new ServiceResult(ServiceName.of("api"), RolloutOutcome.ROLLED_OUT, null)),
                List.of(new CheckResult("api answers 401", "http", "status 401, body contains 'Unauthorized'",
                                "status 401, body {\"error\":\"Unauthorized\"}", true),
                        new CheckResult("nodes ready", "nodesReady", "every node Ready", "vps-1 Ready, vps-2 Ready", true)),
                null);
    }

    Verified failed(String diagnosis) {
        return new Verified(id, plan.release(), request.version(), Verdict.FAILED,
                List.of(new ServiceResult(ServiceName.of("web"), RolloutOutcome.ROLLED_OUT, null),
                        new ServiceResult(ServiceName.of("api"), RolloutOutcome.ROLLED_BACK, diagnosis)),
                List.of(new CheckResult("api answers 401", "http", "status 401, body contains 'Unauthorized'",
                                "status 521", false),
                        new CheckResult("nodes ready", "nodesReady", "every node Ready", "vps-1 Ready, vps-2 Ready", true)),
                diagnosis);
    }

    Verified failedBeforeChecks(String diagnosis) {
        return new Verified(id, plan.release(), request.version(), Verdict.FAILED,
                List.of(new ServiceResult(ServiceName.of("web"), RolloutOutcome.SKIPPED, diagnosis)), List.of(), diagnosis);
    }

    private static ServicePlan web() {
        return new ServicePlan(ServiceName.of("web"), new BuildSpec(".", "services/web/Dockerfile", Map.of()),
                ImageRepository.of("gx-protocol/web"),
                new DockerRuntime(ContainerName.of("shop-web"), List.of(new PortBinding("127.0.0.1", 18480, 8080)),
                        Map.of(), Map.of()));
    }

    private static ServicePlan api() {
        return new ServicePlan(ServiceName.of("api"), new BuildSpec(".", "services/api/Dockerfile", Map.of()),
                ImageRepository.of("gx-protocol/api"), null,
                new KubernetesRuntime(KubeName.of("backend-mainnet"), WorkloadKind.DEPLOYMENT, KubeName.of("svc-api"),
                        KubeName.of("api"), PullPolicy.NEVER));
    }
}
