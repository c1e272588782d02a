package dev.slipway.rollout.kubernetes;

import dev.slipway.rollout.decision.Observed;
import dev.slipway.kubernetes.RolloutStatus;
import dev.slipway.rollout.kubernetes.sim.SimulatedCluster;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Starts the simulated cluster for a @QuarkusTest, with svc-identity running 2.0.0 as a Deployment
 * in backend-mainnet and 2.1.0 imported on every node, and points the service at it through a
 * generated kubeconfig ({@code slipway.kubernetes.kubeconfig}).
 */
public class SimulatedClusterResource implements QuarkusTestResourceLifecycleManager {
    private SimulatedCluster cluster;
    private Path kubeconfig;

    @Override
    public Map<String, String> start() {
        cluster = SimulatedCluster.start(KubeEvents.NODES.toArray(String[]::new));
        cluster.namespace(KubeEvents.NAMESPACE);
        cluster.imported(KubeEvents.image("svc-identity", "2.0.0")).imported(KubeEvents.image("svc-identity", "2.1.0"));
        cluster.createDeployment(KubeEvents.NAMESPACE, "svc-identity", KubeEvents.image("svc-identity", "2.0.0"), 2);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> cluster.client().apps().deployments()
                .inNamespace(KubeEvents.NAMESPACE).withName("svc-identity").get(), d -> RolloutStatus.of(Observed.workload(d)).done());
        try {
            kubeconfig = Files.createTempFile("slipway-test-rollout-kubeconfig", ".yaml");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: simulated
                      cluster:
                        server: %s
                    users:
                    - name: slipway-rollout
                      user:
                        token: simulated-token
                    contexts:
                    - name: simulated
                      context:
                        cluster: simulated
                        user: slipway-rollout
                    current-context: simulated
                    """.formatted(cluster.url()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("slipway.kubernetes.kubeconfig", kubeconfig.toString());
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
        }
        try {
            if (kubeconfig != null) {
                Files.deleteIfExists(kubeconfig);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
