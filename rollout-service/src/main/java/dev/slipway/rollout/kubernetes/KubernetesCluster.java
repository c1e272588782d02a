package dev.slipway.rollout.kubernetes;

import dev.slipway.kubernetes.KubernetesClients;
import dev.slipway.rollout.config.KubernetesConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The cluster connection, opened on first use (a Docker-only deployment never opens one). When no
 * configuration works, {@link dev.slipway.kubernetes.ClusterConfigException} names every source
 * tried; the next rollout tries again.
 */
@ApplicationScoped
public class KubernetesCluster {
    private final KubernetesConfig config;
    private KubernetesClient client;
    private Fabric8ClusterWorkloads workloads;

    @Inject
    public KubernetesCluster(KubernetesConfig config) {
        this.config = config;
    }

    public synchronized ClusterWorkloads workloads() {
        if (workloads == null) {
            client = KubernetesClients.connect(new KubernetesClients.Settings(config.kubeconfig(), config.context()));
            workloads = new Fabric8ClusterWorkloads(client);
        }
        return workloads;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            workloads.close();
            client.close();
            client = null;
            workloads = null;
        }
    }
}
