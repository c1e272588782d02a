package dev.slipway.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.HttpClientUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a fabric8 client on the cluster, trying in order: the kubeconfig file named in the
 * configuration (with its context), the in-cluster service account, then {@code $KUBECONFIG} or
 * {@code ~/.kube/config}. When none works, the error names each source tried and why it failed.
 */
public final class KubernetesClients {
    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    /** Where to find the cluster: an explicit kubeconfig file and context, both optional. */
    public record Settings(Optional<Path> kubeconfig, Optional<String> context) {
        public static Settings defaults() {
            return new Settings(Optional.empty(), Optional.empty());
        }
    }

    private KubernetesClients() {}

    /** A client with fabric8's own HTTP client factory, which starts a Vert.x of its own for each client. */
    public static KubernetesClient connect(Settings settings) {
        return connect(settings, HttpClientUtils.getHttpClientFactory());
    }

    /** A client whose HTTP connections come from {@code http} (e.g. {@link #onVertx}). */
    public static KubernetesClient connect(Settings settings, HttpClient.Factory http) {
        return open(configOf(settings), http);
    }

    /** A client with {@code config}, its HTTP connections from {@code http}, objects read by {@link #serialization()}. */
    public static KubernetesClient open(Config config, HttpClient.Factory http) {
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(http)
                .withKubernetesSerialization(serialization()).build();
    }

    /**
     * fabric8's JSON mapping without its class-path scan. By default, the first object read by kind (every watch
     * event: its {@code object} is typed by the kind it names) registers each resource class of every model jar on the
     * class path, ~200 classes loaded and ~3 MB of class metadata and heap that nothing here uses (BENCHMARKS.md,
     * memory in the pods). Without it, a watch event's object is read as a generic resource and fabric8 converts it
     * to the type asked for, as it already does for any kind it does not know; only {@code Status} (a watch's error
     * event, e.g. 410 Gone, which makes an informer list again) is still read as its own type.
     */
    public static KubernetesSerialization serialization() {
        KubernetesSerialization serialization = new KubernetesSerialization(new ObjectMapper(), false);
        serialization.registerKubernetesResource("v1", "Status", Status.class);
        return serialization;
    }

    /**
     * HTTP connections on a service's own Vert.x (Quarkus's): no Vert.x per client with its event loops, worker
     * threads and buffers (fabric8's default factory starts one for each client; the rollout had three Vert.x
     * instances running). Closing a client leaves {@code vertx} running.
     */
    public static HttpClient.Factory onVertx(Vertx vertx) {
        return new VertxHttpClientFactory(vertx);
    }

    /** The configuration {@link #connect} uses: see the class comment for the order of the sources tried. */
    public static Config configOf(Settings settings) {
        return config(settings, System.getenv(), SERVICE_ACCOUNT, Path.of(System.getProperty("user.home"), ".kube", "config"));
    }

    /**
     * A second client on the same cluster and credentials for reads that must never hold anything up (a
     * crashed container's log for a diagnosis): no retries (fabric8 retries an HTTP 500 up to 10 times with
     * backoff, 20 s when the API server cannot reach the kubelet) and {@code timeout} per request.
     */
    public static KubernetesClient quickReads(KubernetesClient client, Duration timeout, HttpClient.Factory http) {
        Config config = new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0)
                .withRequestTimeout((int) timeout.toMillis()).withConnectionTimeout((int) timeout.toMillis()).build();
        return open(config, http);
    }

    /**
     * Whether a service should connect at start-up rather than on first use: a kubeconfig is configured, or it runs
     * inside a cluster. (A Docker-only deployment has neither and never opens a client.)
     */
    public static boolean configured(Settings settings, Map<String, String> env) {
        return settings.kubeconfig().isPresent() || (env.get("KUBERNETES_SERVICE_HOST") != null
                && Files.isReadable(SERVICE_ACCOUNT.resolve("token")));
    }

    /**
     * Makes the first real request cheap: one round trip to the API server ({@code /version}) loads the HTTP client,
     * TLS and the model classes, which otherwise cost the first release about 2 s (measured on the real cluster).
     * Returns the server's version.
     */
    public static String warmUp(KubernetesClient client) {
        return client.getKubernetesVersion().getGitVersion();
    }

    /** The configuration the client will use; package-visible so every branch is testable without a cluster. */
    static Config config(Settings settings, Map<String, String> env, Path serviceAccount, Path homeKubeconfig) {
        List<String> tried = new ArrayList<>();
        if (settings.kubeconfig().isPresent()) {
            return fromKubeconfig(settings.kubeconfig().get(), settings.context(), tried)
                    .orElseThrow(() -> nothingWorked(tried));
        }
        String host = env.get("KUBERNETES_SERVICE_HOST");
        if (host != null && Files.isReadable(serviceAccount.resolve("token"))) {
            return Config.autoConfigure(null);
        }
        tried.add("in-cluster service account (" + (host == null ? "KUBERNETES_SERVICE_HOST is not set"
                : serviceAccount.resolve("token") + " is not readable") + ")");
        String fromEnv = env.get("KUBECONFIG");
        Path fallback = fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv.split(java.io.File.pathSeparator)[0])
                : homeKubeconfig;
        return fromKubeconfig(fallback, settings.context(), tried).orElseThrow(() -> nothingWorked(tried));
    }

    private static Optional<Config> fromKubeconfig(Path file, Optional<String> context, List<String> tried) {
        if (!Files.isReadable(file)) {
            tried.add("kubeconfig " + file + " (not found or not readable)");
            return Optional.empty();
        }
        try {
            String contents = Files.readString(file, StandardCharsets.UTF_8);
            if (context.isPresent() && KubeConfigUtils.parseConfigFromString(contents).getContexts().stream()
                    .noneMatch(named -> context.get().equals(named.getName()))) {
                tried.add("kubeconfig " + file + " (it has no context named " + context.get() + ")");
                return Optional.empty();
            }
            Config config = Config.fromKubeconfig(context.orElse(null), contents, file.toString());
            if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
                tried.add("kubeconfig " + file + " (no cluster server in " + context.map(c -> "context " + c)
                        .orElse("its current context") + ")");
                return Optional.empty();
            }
            return Optional.of(config);
        } catch (IOException | RuntimeException e) {
            tried.add("kubeconfig " + file + context.map(c -> " context " + c).orElse("") + " (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private static ClusterConfigException nothingWorked(List<String> tried) {
        return new ClusterConfigException("no usable Kubernetes configuration; tried: " + String.join("; ", tried)
                + ". Set slipway.kubernetes.kubeconfig (and .context) or run inside the cluster with a service account.");
    }
}
