package dev.slipway.e2e;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Slipway deployed on the cluster of {@code scripts/cluster.sh} by the repository's {@code deploy/} with
 * {@code kubectl apply -k}, through a kustomize overlay holding only this machine's values: the build host's
 * address, the nodes (from {@code scripts/cluster.sh env}, their key and known_hosts as the files of the Secret),
 * Kafka's claim in the storage class {@code slipway-local}, and the monorepo checkout as a hostPath volume of the builder (every node shares this machine's filesystem). The
 * Secrets are created from the build host's client certificate and the nodes' SSH key, as deploy/README.md says.
 */
final class SlipwayDeployment {
    static final String NAMESPACE = "slipway";
    static final List<String> IMAGES = List.of("slipway/kafka:4.1.2", "slipway/builder-service:0.1.0-SNAPSHOT",
            "slipway/distributor-service:0.1.0-SNAPSHOT", "slipway/rollout-service:0.1.0-SNAPSHOT",
            "slipway/verifier-service:0.1.0-SNAPSHOT", "slipway/console:0.1.0-SNAPSHOT");
    static final List<String> DEPLOYMENTS = List.of("slipway-builder", "slipway-distributor", "slipway-rollout",
            "slipway-verifier", "slipway-console");
    private static final String SSH_MOUNT = "/etc/slipway/ssh/";

    private final TestCluster cluster;

    private SlipwayDeployment(TestCluster cluster) {
        this.cluster = cluster;
    }

    /** Fails, naming what to run, unless every node's containerd holds every image of deploy/ (nothing can be pulled here). */
    static void requireImagesOnEveryNode(TestCluster cluster) {
        for (int node = 1; node <= cluster.nodeCount; node++) {
            String socket = System.getenv("SLIPWAY_CLUSTER_NODE_" + node + "_CONTAINERD");
            String held = TestCluster.run(List.of("ctr", "-a", socket, "-n", "k8s.io", "images", "ls", "-q"), Duration.ofSeconds(30));
            List<String> missing = IMAGES.stream().filter(image -> held.lines().noneMatch(line -> line.equals(image)
                    || line.equals("docker.io/" + image) || line.equals("docker.io/library/" + image))).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("node vps-" + node + " does not hold " + String.join(", ", missing)
                        + ": build Slipway's images and import them into every node with `scripts/images.sh build` and "
                        + "`scripts/images.sh load-cluster` (scripts/test.sh runs both)");
            }
        }
    }

    /** Fails unless every node runs kube-proxy: the pods reach the API server and Kafka through Services. */
    static void requireKubeProxy(TestCluster cluster) {
        String state = System.getenv().getOrDefault("SLIPWAY_CLUSTER_DIR", "/tmp/slipway-cluster");
        for (int node = 1; node <= cluster.nodeCount; node++) {
            Path pid = Path.of(state, "node" + node, "kube-proxy.pid");
            if (!Files.exists(pid)) {
                throw new IllegalStateException("node vps-" + node + " runs no kube-proxy (" + pid + " is missing), so Services "
                        + "do not work for pods: run `scripts/cluster.sh start " + cluster.nodeCount + "`, which adds it to a running cluster");
            }
        }
    }

    static final String SHOP = "shop";

    /**
     * Slipway deployed for the example and Ready: checks every node (kube-proxy, the images), creates the shop's
     * namespace with its Deployments and deploy/'s Roles in it (as scripts/local.sh --kubernetes does), applies deploy/
     * with {@code shopCheckout} (a committed checkout of the example, see {@link SourceCheckout}) as the builder's
     * volume, and waits until every pod is Ready.
     */
    static SlipwayDeployment applyForShop(TestCluster cluster, Path shopCheckout, Path work, Duration readyTimeout) {
        requireKubeProxy(cluster);
        requireImagesOnEveryNode(cluster);
        cluster.recreateNamespace(SHOP);
        Path deploy = PipelineHarness.repo().resolve("deploy");
        cluster.apply(SHOP, deploy.resolve("030-Role-rollout.yaml"), deploy.resolve("031-Role-verifier.yaml"),
                PipelineHarness.repo().resolve("examples/shop/kubernetes/shop.yaml"));
        SlipwayDeployment slipway = apply(cluster, BuildHost.fromEnvironment(), shopCheckout, work);
        slipway.awaitReady(1, readyTimeout);
        return slipway;
    }

    /** Deletes what {@link #applyForShop} created (each part that exists) and closes the cluster's client. */
    static void deleteForShop(TestCluster cluster, SlipwayDeployment slipway) {
        if (cluster == null) {
            return;
        }
        try {
            if (slipway != null) {
                slipway.delete();
            }
            // the shop's pods hold host ports 18480 and 18481 on every node
            cluster.kubectl("delete", "namespace", SHOP, "--ignore-not-found", "--wait=false");
        } finally {
            cluster.close();
        }
    }

    /** Removes an earlier deployment, creates the namespace and the Secrets, and applies the overlay of deploy/. */
    static SlipwayDeployment apply(TestCluster cluster, BuildHost buildHost, Path sourceRoot, Path work) {
        SlipwayDeployment deployment = new SlipwayDeployment(cluster);
        deployment.delete();
        cluster.kubectl("create", "namespace", NAMESPACE);
        cluster.kubectl("-n", NAMESPACE, "create", "secret", "generic", "slipway-build-host-tls",
                "--from-file=ca.pem=" + buildHost.clientCertificates().resolve("ca.pem"),
                "--from-file=cert.pem=" + buildHost.clientCertificates().resolve("cert.pem"),
                "--from-file=key.pem=" + buildHost.clientCertificates().resolve("key.pem"));
        cluster.kubectl("-n", NAMESPACE, "create", "secret", "generic", "slipway-distributor-ssh",
                "--from-file=id=" + required("SLIPWAY_CLUSTER_NODE_KEY"),
                "--from-file=known_hosts=" + required("SLIPWAY_CLUSTER_NODE_KNOWN_HOSTS"));
        Path overlay = deployment.writeOverlay(buildHost, sourceRoot, work.resolve("overlay"));
        cluster.kubectl("apply", "-k", overlay.toString());
        return deployment;
    }

    private Path writeOverlay(BuildHost buildHost, Path sourceRoot, Path overlay) {
        Path deploy = PipelineHarness.repo().resolve("deploy");
        StringBuilder distributor = new StringBuilder()
                .append("kafka.bootstrap.servers=${SLIPWAY_KAFKA_SERVICE_HOST}:${SLIPWAY_KAFKA_SERVICE_PORT}\n")
                .append("slipway.distributor.source-engine=").append(buildHost.address()).append('\n');
        for (Map.Entry<String, String> setting : cluster.nodeSettings.entrySet()) {
            String value = setting.getValue();
            if (setting.getKey().endsWith(".key")) {
                value = SSH_MOUNT + "id";
            } else if (setting.getKey().endsWith(".known-hosts")) {
                value = SSH_MOUNT + "known_hosts";
            }
            distributor.append(setting.getKey()).append('=').append(value).append('\n');
        }
        String builder = "kafka.bootstrap.servers=${SLIPWAY_KAFKA_SERVICE_HOST}:${SLIPWAY_KAFKA_SERVICE_PORT}\n"
                + "slipway.builder.engine=" + buildHost.address() + "\nslipway.builder.source-root=/source\n";
        write(overlay.resolve("kustomization.yaml"), """
                # this machine's values over deploy/ (kubectl 1.20's kustomize takes a base folder under bases:)
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                bases:
                  - %s
                patchesStrategicMerge:
                  - configmaps.yaml
                  - builder-source.yaml
                  - kafka-storage.yaml
                """.formatted(overlay.toAbsolutePath().relativize(deploy.toAbsolutePath())));
        write(overlay.resolve("configmaps.yaml"), configMap("slipway-builder-config", builder) + "---\n"
                + configMap("slipway-distributor-config", distributor.toString()));
        write(overlay.resolve("builder-source.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: slipway-builder, namespace: slipway}
                spec:
                  template:
                    spec:
                      volumes:
                        - name: source
                          persistentVolumeClaim: null
                          hostPath: {path: %s, type: Directory}
                """.formatted(sourceRoot.toAbsolutePath()));
        // the cluster's volumes by name: its default class is whatever the last `scripts/cluster.sh start` applied
        write(overlay.resolve("kafka-storage.yaml"), """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: slipway-kafka, namespace: slipway}
                spec:
                  volumeClaimTemplates:
                    - metadata:
                        name: data
                        labels: {app.kubernetes.io/name: slipway-kafka, app.kubernetes.io/part-of: slipway}
                      spec:
                        accessModes: [ReadWriteOnce]
                        storageClassName: slipway-local
                        resources:
                          requests: {storage: 1Gi}
                """);
        return overlay;
    }

    private static String configMap(String name, String properties) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s, namespace: slipway}
                data:
                  application.properties: |
                %s""".formatted(name, properties.lines().map(line -> "    " + line + "\n").collect(Collectors.joining()));
    }

    /**
     * Waits until the topics Job has completed and every Slipway pod (Kafka and the five services, {@code replicas}
     * distributors) is Ready; fails naming each pod that is not, with its containers' states, its last events and log lines.
     */
    void awaitReady(int distributors, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Pod> pods = pods();
            List<Pod> notReady = pods.stream().filter(pod -> !isJobPod(pod)).filter(pod -> !ready(pod)).toList();
            long running = pods.stream().filter(pod -> !isJobPod(pod)).filter(SlipwayDeployment::ready).count();
            boolean topics = topicsCreated();
            if (notReady.isEmpty() && topics && running == 1 + DEPLOYMENTS.size() - 1 + distributors) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                List<Pod> failing = new ArrayList<>(notReady);
                if (!topics) {
                    pods.stream().filter(SlipwayDeployment::isJobPod).forEach(failing::add);
                }
                throw new AssertionError("Slipway's pods were not all Ready within " + timeout + " (" + running + " Ready, "
                        + (topics ? "topics created" : "Job slipway-kafka-topics not complete") + "):\n"
                        + failing.stream().map(this::describe).collect(Collectors.joining("\n")));
            }
            sleep(Duration.ofSeconds(2));
        }
    }

    private boolean topicsCreated() {
        Job job = cluster.admin.batch().v1().jobs().inNamespace(NAMESPACE).withName("slipway-kafka-topics").get();
        return job != null && job.getStatus() != null && job.getStatus().getSucceeded() != null && job.getStatus().getSucceeded() >= 1;
    }

    List<Pod> pods() {
        return cluster.admin.pods().inNamespace(NAMESPACE).withLabel("app.kubernetes.io/part-of", "slipway").list().getItems()
                .stream().filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
    }

    List<Pod> readyPods(String name) {
        return pods().stream().filter(pod -> name.equals(pod.getMetadata().getLabels().get("app.kubernetes.io/name")))
                .filter(SlipwayDeployment::ready).toList();
    }

    /** The address the broker advertises: its pod's IP, which this machine reaches through the node's route. */
    String kafkaBootstrap() {
        Pod kafka = cluster.admin.pods().inNamespace(NAMESPACE).withName("slipway-kafka-0").get();
        return kafka.getStatus().getPodIP() + ":9092";
    }

    private static boolean isJobPod(Pod pod) {
        return "slipway-kafka-topics".equals(pod.getMetadata().getLabels().get("app.kubernetes.io/name"));
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private String describe(Pod pod) {
        String name = pod.getMetadata().getName();
        StringBuilder text = new StringBuilder("pod ").append(name).append(" (node ").append(pod.getSpec().getNodeName())
                .append("): phase ").append(pod.getStatus().getPhase());
        for (ContainerStatus status : pod.getStatus().getContainerStatuses() == null ? List.<ContainerStatus>of()
                : pod.getStatus().getContainerStatuses()) {
            text.append("; container ").append(status.getName()).append(" ready=").append(status.getReady())
                    .append(" restarts=").append(status.getRestartCount());
            if (status.getState().getWaiting() != null) {
                text.append(" waiting ").append(status.getState().getWaiting().getReason()).append(' ')
                        .append(status.getState().getWaiting().getMessage());
            }
            if (status.getLastState() != null && status.getLastState().getTerminated() != null) {
                text.append(" last exit ").append(status.getLastState().getTerminated().getExitCode());
            }
        }
        text.append("\n  last events:\n").append(indent(tail(quietly("-n", NAMESPACE, "get", "events",
                "--field-selector", "involvedObject.name=" + name, "--sort-by", ".lastTimestamp"), 8)));
        text.append("\n  last log lines:\n").append(indent(tail(quietly("-n", NAMESPACE, "logs", name, "--all-containers", "--tail", "20"), 20)));
        return text.toString();
    }

    private String quietly(String... args) {
        try {
            return cluster.kubectl(args);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static String indent(String text) {
        return text.lines().map(line -> "    " + line).collect(Collectors.joining("\n"));
    }

    /** Deletes the namespace (every pod, Secret and claim of the deployment) and frees the volumes its claims held. */
    void delete() {
        cluster.kubectl("delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=true", "--timeout=180s");
        TestCluster.run(List.of(PipelineHarness.repo().resolve("scripts/cluster.sh").toString(), "free-volumes"), Duration.ofMinutes(1));
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: eval \"$(scripts/cluster.sh env)\" first");
        }
        return value;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
