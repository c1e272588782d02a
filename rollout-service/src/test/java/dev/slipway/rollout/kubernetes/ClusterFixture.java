package dev.slipway.rollout.kubernetes;

import dev.slipway.rollout.decision.Observed;
import dev.slipway.rollout.RolloutStage;
import dev.slipway.kubernetes.RolloutStatus;
import dev.slipway.rollout.kubernetes.sim.SimulatedCluster;
import dev.slipway.rollout.target.RuntimeTargets;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/** The simulated cluster with the user's namespace and nodes, and the rollout stage wired to it. */
final class ClusterFixture implements AutoCloseable {
    final SimulatedCluster cluster = SimulatedCluster.start(KubeEvents.NODES.toArray(String[]::new));
    final KubernetesClient client = cluster.newClient();
    final RolloutStage stage = new RolloutStage(new RuntimeTargets(List.of(
            new KubernetesRuntimeTarget(() -> new Fabric8ClusterWorkloads(client), Clock.systemUTC(), 5))), Clock.systemUTC());

    ClusterFixture() {
        cluster.namespace(KubeEvents.NAMESPACE);
    }

    /** A Deployment running the service at {@code version} (imported on every node), once rolled out. */
    Deployment running(String service, String version, int replicas) {
        cluster.imported(KubeEvents.image(service, version));
        cluster.createDeployment(KubeEvents.NAMESPACE, service, KubeEvents.image(service, version), replicas);
        return awaitRolledOut(service);
    }

    Deployment awaitRolledOut(String service) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> deployment(service),
                d -> d != null && RolloutStatus.of(Observed.workload(d)).done());
    }

    Deployment deployment(String service) {
        return cluster.client().apps().deployments().inNamespace(KubeEvents.NAMESPACE).withName(service).get();
    }

    @Override
    public void close() {
        client.close();
        cluster.close();
    }
}
