package dev.slipway.rollout.kubernetes;

import dev.slipway.kubernetes.KubernetesClients;
import dev.slipway.rollout.config.KubernetesConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
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
    private final HttpClient.Factory http;
    private KubernetesClient client;
    private Fabric8ClusterWorkloads workloads;

    /** The clients' HTTP connections run on the service's Vert.x ({@link KubernetesClients#onVertx}). */
    @Inject
    public KubernetesCluster(KubernetesConfig config, Vertx vertx) {
        this.config = config;
        this.http = KubernetesClients.onVertx(vertx);
    }

    /**
     * With a cluster configured, connects at start-up, in the background: the first release then does not wait for
     * the client to start (2.2 s seen on the real cluster). A cluster that cannot be reached is only logged here;
     * each rollout says so in its outcome.
     */
    void connectEarly(@Observes StartupEvent started) {
        KubernetesClients.Settings settings = new KubernetesClients.Settings(config.kubeconfig(), config.context());
        if (!KubernetesClients.configured(settings, System.getenv())) {
            return;
        }
        Thread warmUp = new Thread(() -> {
            long started0 = System.nanoTime();
            try {
                String version;
                synchronized (this) {
                    workloads();
                    version = KubernetesClients.warmUp(client);
                }
                Log.infof("connected to the cluster at %s (Kubernetes %s) in %d ms", client.getMasterUrl(), version,
                        (System.nanoTime() - started0) / 1_000_000);
            } catch (RuntimeException e) {
                Log.warnf("the cluster could not be reached at start-up (rollouts will try again): %s", e.getMessage());
            }
        }, "slipway-kubernetes-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    public synchronized ClusterWorkloads workloads() {
        if (workloads == null) {
            client = KubernetesClients.connect(new KubernetesClients.Settings(config.kubeconfig(), config.context()), http);
            workloads = new Fabric8ClusterWorkloads(client, http);
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
