package dev.slipway.verifier.kubernetes;

import dev.slipway.kubernetes.ClusterConfigException;
import dev.slipway.kubernetes.KubernetesClients;
import dev.slipway.verifier.config.KubernetesConfig;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.HttpClientUtils;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The fabric8 client, opened the first time a Kubernetes check runs, so a verifier without Kubernetes checks
 * never needs a cluster. When no configuration works, {@link #client()} throws {@link ClusterConfigException}
 * naming what was tried, and the next check tries again.
 *
 * <p>Reads give up sooner than fabric8's defaults (10 retries with exponential backoff: about 20 s per read
 * against an API server that refuses connections), so a release with a dozen Kubernetes checks still gets its
 * Verified promptly when the cluster is down: {@value #RETRIES} retries, {@value #CONNECT_TIMEOUT_MILLIS} ms to
 * connect.
 */
@Singleton
public class ClusterConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ClusterConnection.class);
    static final int RETRIES = 2;
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private final KubernetesClients.Settings settings;
    private final HttpClient.Factory http;
    private KubernetesClient client;

    /** The client's HTTP connections run on the service's Vert.x ({@link KubernetesClients#onVertx}). */
    @Inject
    public ClusterConnection(KubernetesConfig config, Vertx vertx) {
        this(new KubernetesClients.Settings(config.kubeconfig(), config.context()), KubernetesClients.onVertx(vertx));
    }

    /** With fabric8's default HTTP client factory (a Vert.x of the client's own). */
    public ClusterConnection(KubernetesClients.Settings settings) {
        this(settings, HttpClientUtils.getHttpClientFactory());
    }

    public ClusterConnection(KubernetesClients.Settings settings, HttpClient.Factory http) {
        this.settings = settings;
        this.http = http;
    }

    /**
     * With a cluster configured, connects at start-up in the background, so the first release's checks do not wait
     * for the client to start; a cluster that cannot be reached is only logged (each check says so in its row).
     */
    void connectEarly(@Observes StartupEvent started) {
        if (!KubernetesClients.configured(settings, System.getenv())) {
            return;
        }
        Thread warmUp = new Thread(() -> {
            try {
                String version = KubernetesClients.warmUp(client());
                LOG.infof("the cluster answers (Kubernetes %s)", version);
            } catch (RuntimeException e) {
                LOG.warnf("the cluster could not be reached at start-up (checks will try again): %s", e.getMessage());
            }
        }, "slipway-kubernetes-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    public synchronized KubernetesClient client() {
        if (client == null) {
            client = KubernetesClients.open(new ConfigBuilder(KubernetesClients.configOf(settings))
                    .withRequestRetryBackoffLimit(RETRIES).withConnectionTimeout(CONNECT_TIMEOUT_MILLIS).build(), http);
            LOG.infof("Kubernetes checks read the cluster at %s", client.getMasterUrl());
        }
        return client;
    }

    @Override
    @PreDestroy
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
