package dev.slipway.rollout.kubernetes;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.RegistryOutcome;
import dev.slipway.events.RegistryResult;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.ImageRepository;
import dev.slipway.events.names.KubeName;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.BuildSpec;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.events.plan.PullPolicy;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.events.plan.WorkloadKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ImageDistributed events for Kubernetes services, as the distributor would send them for the user's release. */
public final class KubeEvents {
    public static final String NAMESPACE = "backend-mainnet";
    public static final List<String> NODES = List.of("vps-1", "vps-2", "vps-3", "vps-4");
    public static final List<String> SERVICES = List.of("svc-identity", "svc-tokenomics", "svc-organization", "svc-loanpool",
            "svc-governance", "svc-admin", "svc-tax", "projector", "outbox-submitter");

    private KubeEvents() {}

    public static ServicePlan deployment(String service) {
        return plan(service, WorkloadKind.DEPLOYMENT, PullPolicy.NEVER);
    }

    public static ServicePlan plan(String service, WorkloadKind kind, PullPolicy pullPolicy) {
        return plan(NAMESPACE, service, kind, pullPolicy);
    }

    public static ServicePlan plan(String namespace, String service, WorkloadKind kind, PullPolicy pullPolicy) {
        return new ServicePlan(ServiceName.of(service), new BuildSpec(".", "services/" + service + "/Dockerfile", Map.of()),
                ImageRepository.of("gx-protocol/" + service), null,
                new KubernetesRuntime(KubeName.of(namespace), kind, KubeName.of(service), KubeName.of(service), pullPolicy));
    }

    public static String image(String service, String version) {
        return "gx-protocol/" + service + ":" + version;
    }

    public static ReleaseContext release(String version, RolloutPolicy policy, List<String> services) {
        return new ReleaseContext(ReleaseId.of("gx-" + version + "-0a1b2c3d"), ReleaseName.of("gx"), Version.of(version),
                services.stream().map(ServiceName::of).toList(), policy, List.of());
    }

    /** Distributed to every node in {@code imported} (IMPORTED); {@code failed} nodes report the error. */
    public static ImageDistributed distributed(ReleaseContext release, ServicePlan service, List<String> imported,
            Map<String, String> failed) {
        List<NodeResult> nodes = new ArrayList<>();
        imported.forEach(n -> nodes.add(new NodeResult(NodeName.of(n), NodeOutcome.IMPORTED, 2_000_000, 140, null)));
        failed.forEach((n, error) -> nodes.add(new NodeResult(NodeName.of(n), NodeOutcome.FAILED, 0, 30, error)));
        BuiltImage image = new BuiltImage(ImageRef.parse(image(service.name().value(), release.version().value())),
                ImageId.of("sha256:" + "3f".repeat(32)), 2_000_000, 3);
        return new ImageDistributed(release, service, StageOutcome.SUCCEEDED, image, nodes, null);
    }

    public static ImageDistributed distributedEverywhere(ReleaseContext release, ServicePlan service) {
        return distributed(release, service, NODES, Map.of());
    }

    /** The registry the distributor pushes to in these tests. */
    public static final String REGISTRY = "10.0.0.9:5000";
    /** The manifest digest the registry answers a push with, in these events. */
    public static final String REGISTRY_DIGEST = "sha256:" + "7d".repeat(32);

    /** The registry's reference for the service's image, e.g. {@code 10.0.0.9:5000/gx-protocol/svc-tax:2.1.0}. */
    public static String registryImage(String service, String version) {
        return REGISTRY + "/" + image(service, version);
    }

    /** As the distributor sends it with a registry: {@code distributed} plus the registry's result for the image. */
    public static ImageDistributed inRegistry(ImageDistributed distributed, RegistryOutcome outcome) {
        String service = distributed.service().name().value();
        String version = distributed.release().version().value();
        boolean failed = outcome == RegistryOutcome.FAILED;
        RegistryResult registry = new RegistryResult(REGISTRY, ImageRef.parse(registryImage(service, version)),
                failed ? null : REGISTRY_DIGEST, outcome, outcome == RegistryOutcome.PUSHED ? 1_800_000 : 0, 900,
                failed ? "service " + service + ": pushing " + image(service, version) + " to the registry " + REGISTRY
                        + " failed: cannot reach the registry " + REGISTRY : null);
        return new ImageDistributed(distributed.release(), distributed.service(), distributed.outcome(), distributed.image(),
                distributed.nodes(), registry, distributed.error());
    }
}
