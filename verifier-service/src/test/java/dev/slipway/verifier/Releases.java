package dev.slipway.verifier;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
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
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.ContainerCheck;
import dev.slipway.events.plan.DockerRuntime;
import dev.slipway.events.plan.HttpCheck;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.events.plan.PullPolicy;
import dev.slipway.events.plan.WorkloadKind;
import dev.slipway.events.names.KubeName;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Events of a test release "shop" 2.1.0, built the way the earlier stages build them. */
public final class Releases {
    public static final String IMAGE_ID = "sha256:" + "a1b2c3d4e5f6".repeat(5) + "a1b2";
    /** Containers named in these plans are unique to this test run, as other tests share the engines. */
    public static final String CONTAINER_PREFIX = "slipway-test-verifier-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    private Releases() {}

    public static ReleaseId newReleaseId() {
        return ReleaseId.of("shop-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public static ReleaseContext context(ReleaseId id, List<String> services, CheckSpec... checks) {
        return new ReleaseContext(id, ReleaseName.of("shop"), Version.of("2.1.0"),
                services.stream().map(ServiceName::of).toList(), new RolloutPolicy(false, 30), List.of(checks));
    }

    /** Requested at {@code requestedAt}: its deadline runs from then. */
    public static ReleaseContext requestedAt(java.time.Instant requestedAt, ReleaseId id, List<String> services) {
        return new ReleaseContext(id, ReleaseName.of("shop"), Version.of("2.1.0"),
                services.stream().map(ServiceName::of).toList(), new RolloutPolicy(false, 30), List.of(), null, requestedAt);
    }

    public static ServicePlan service(String name) {
        return new ServicePlan(ServiceName.of(name), new BuildSpec("services/" + name, "Dockerfile", null),
                ImageRepository.of("shop/" + name),
                new DockerRuntime(ContainerName.of(CONTAINER_PREFIX + name), List.of(), null, null));
    }

    public static ServicePlan service(String name, String container) {
        return new ServicePlan(ServiceName.of(name), new BuildSpec("services/" + name, "Dockerfile", null),
                ImageRepository.of("shop/" + name), new DockerRuntime(ContainerName.of(container), List.of(), null, null));
    }

    public static RolloutDone rolledOut(ReleaseContext release, String service) {
        return rolledOut(release, service(service), IMAGE_ID);
    }

    public static RolloutDone rolledOut(ReleaseContext release, ServicePlan service, String imageId) {
        return new RolloutDone(release, service, RolloutOutcome.ROLLED_OUT, image(service, imageId),
                List.of(new NodeRollout(NodeName.of("node-1"), RolloutOutcome.ROLLED_OUT, CONTAINER_PREFIX + service.name(), null)),
                null, 1200);
    }

    public static RolloutDone failed(ReleaseContext release, String service, String diagnosis) {
        ServicePlan plan = service(service);
        return new RolloutDone(release, plan, RolloutOutcome.FAILED, image(plan, IMAGE_ID),
                List.of(new NodeRollout(NodeName.of("node-1"), RolloutOutcome.FAILED, CONTAINER_PREFIX + service, diagnosis)),
                diagnosis, 3400);
    }

    public static RolloutDone skipped(ReleaseContext release, String service, String diagnosis) {
        return new RolloutDone(release, service(service), RolloutOutcome.SKIPPED, null, List.of(), diagnosis, 0);
    }

    /** A service of the user's cluster: the Deployment or StatefulSet {@code namespace/name} with container {@code name}, image gx-protocol/{@code name}. */
    public static ServicePlan kubernetesService(String name, String namespace, WorkloadKind kind) {
        return new ServicePlan(ServiceName.of(name), new BuildSpec("services/" + name, "Dockerfile", null),
                ImageRepository.of("gx-protocol/" + name), null,
                new KubernetesRuntime(KubeName.of(namespace), kind, KubeName.of(name), KubeName.of(name), PullPolicy.NEVER));
    }

    /** The RolloutDone of a Kubernetes service at gx-protocol/{@code name}:{@code version}. */
    public static RolloutDone rolledOutTo(ReleaseContext release, ServicePlan service, String version) {
        return new RolloutDone(release, service, RolloutOutcome.ROLLED_OUT,
                new BuiltImage(ImageRef.parse(service.image().value() + ":" + version), ImageId.of(IMAGE_ID), 80_000_000, 6),
                List.of(), null, 2100);
    }

    public static CheckSpec http(String name, URI url, List<Integer> statuses, String body, int timeoutSeconds) {
        return new CheckSpec(name, new HttpCheck(url, statuses, body, timeoutSeconds), null);
    }

    public static CheckSpec container(String name, String service) {
        return new CheckSpec(name, null, new ContainerCheck(ServiceName.of(service)));
    }

    private static BuiltImage image(ServicePlan service, String imageId) {
        return new BuiltImage(ImageRef.parse(service.image().value() + ":2.1.0"), ImageId.of(imageId), 2_000_000, 1);
    }
}
