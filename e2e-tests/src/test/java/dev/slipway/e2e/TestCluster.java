package dev.slipway.e2e;

import static org.awaitility.Awaitility.await;

import dev.slipway.kubernetes.KubernetesClients;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The real Kubernetes cluster of {@code scripts/cluster.sh} (API server, controllers, scheduler, a kubelet and a
 * containerd per node), as its {@code env} command describes it: the admin kubeconfig, the kubectl built with it,
 * and the {@code slipway.nodes.*} settings that reach each node's containerd over its sshd.
 */
final class TestCluster implements AutoCloseable {
    static final String KUBECONFIG_ENV = "SLIPWAY_CLUSTER_KUBECONFIG";

    final Path kubeconfig;
    final Path kubectl;
    final int nodeCount;
    final Map<String, String> nodeSettings;
    final KubernetesClient admin;

    private TestCluster(Path kubeconfig, Path kubectl, int nodeCount, Map<String, String> nodeSettings) {
        this.kubeconfig = kubeconfig;
        this.kubectl = kubectl;
        this.nodeCount = nodeCount;
        this.nodeSettings = nodeSettings;
        this.admin = KubernetesClients.connect(new KubernetesClients.Settings(Optional.of(kubeconfig), Optional.empty()));
    }

    static TestCluster fromEnvironment() {
        String kubeconfig = required(KUBECONFIG_ENV);
        Properties nodes = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(required("SLIPWAY_CLUSTER_NODES_CONFIG")))) {
            nodes.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        nodes.stringPropertyNames().stream().sorted().forEach(key -> settings.put(key, nodes.getProperty(key)));
        return new TestCluster(Path.of(kubeconfig), Path.of(required("SLIPWAY_CLUSTER_KUBECTL")),
                Integer.parseInt(required("SLIPWAY_CLUSTER_NODES")), settings);
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: start the test cluster with `scripts/cluster.sh start` and "
                    + "`eval \"$(scripts/cluster.sh env)\"`, or run scripts/test.sh, which does both");
        }
        return value;
    }

    /** Runs the cluster's kubectl with the admin kubeconfig; returns its output, or fails with it. */
    String kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        return run(command, Duration.ofMinutes(2));
    }

    static String run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout);
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the namespace if it exists, waits until it is gone, and creates it again. */
    void recreateNamespace(String namespace) {
        kubectl("delete", "namespace", namespace, "--ignore-not-found", "--wait=true", "--timeout=120s");
        kubectl("create", "namespace", namespace);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                admin.serviceAccounts().inNamespace(namespace).withName("default").get() != null);
        // claims of an earlier run left their volumes Released: make them Available again
        Path script = PipelineHarness.repo().resolve("scripts/cluster.sh");
        run(List.of(script.toString(), "free-volumes"), Duration.ofMinutes(1));
    }

    /** {@code kubectl apply} of the manifest files (relative to {@code folder}) in {@code namespace} (null: their own). */
    void apply(String namespace, Path... files) {
        for (Path file : files) {
            if (namespace == null) {
                kubectl("apply", "-f", file.toString());
            } else {
                kubectl("apply", "-n", namespace, "-f", file.toString());
            }
        }
    }

    /**
     * A kubeconfig that authenticates as the ServiceAccount (its token Secret, as Kubernetes 1.20 makes one per
     * account), to run a stage with exactly the rights deploy/ gives it.
     */
    Path serviceAccountKubeconfig(String namespace, String account, Path file) {
        ServiceAccount sa = await().atMost(Duration.ofSeconds(60)).until(
                () -> admin.serviceAccounts().inNamespace(namespace).withName(account).get(),
                found -> found != null && found.getSecrets() != null && !found.getSecrets().isEmpty());
        Secret secret = admin.secrets().inNamespace(namespace).withName(sa.getSecrets().get(0).getName()).get();
        String token = new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
        String ca = secret.getData().get("ca.crt");
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: slipway
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: %s
                  user:
                    token: %s
                contexts:
                - name: slipway
                  context: {cluster: slipway, user: %s}
                current-context: slipway
                """.formatted(admin.getMasterUrl().toString().replaceAll("/$", ""), ca, account, token, account);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Puts images on every node the way the team did before Slipway: built with the engine's {@code docker build},
     * {@code docker save}d, and imported with {@code ctr images import} over each node's sshd. {@code builds} maps
     * each tag to its build arguments ({@code --build-arg} values); every image is built from {@code dockerfile}
     * in {@code context}.
     */
    void importByHand(String engine, Path context, String dockerfile, Map<String, Map<String, String>> builds, Path work) {
        for (var build : builds.entrySet()) {
            List<String> command = new ArrayList<>(List.of("docker", "-H", engine, "build", "-q", "-f",
                    context.resolve(dockerfile).toString(), "-t", build.getKey()));
            build.getValue().forEach((name, value) -> command.addAll(List.of("--build-arg", name + "=" + value)));
            command.add(context.toString());
            run(command, Duration.ofMinutes(3));
        }
        Path archive = work.resolve("by-hand.tar");
        List<String> save = new ArrayList<>(List.of("docker", "-H", engine, "save", "-o", archive.toString()));
        save.addAll(builds.keySet());
        run(save, Duration.ofMinutes(2));
        for (int i = 1; i <= nodeCount; i++) {
            String prefix = "slipway.nodes.vps-" + i + ".";
            String address = nodeSettings.get(prefix + "address");
            String host = address.substring(0, address.lastIndexOf(':'));
            String ssh = "ssh -i " + nodeSettings.get(prefix + "key") + " -o UserKnownHostsFile=" + nodeSettings.get(prefix + "known-hosts")
                    + " -o StrictHostKeyChecking=yes -o BatchMode=yes " + host + " '" + nodeSettings.get(prefix + "ctr-command")
                    + " images import -' < " + archive;
            run(List.of("sh", "-c", ssh), Duration.ofMinutes(2));
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
