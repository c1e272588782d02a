package dev.slipway.rollout.kubernetes.real;

import dev.slipway.kubernetes.KubernetesClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real cluster of scripts/cluster.sh for this module's tests, from the environment its {@code env} command
 * prints: an admin client, each node's containerd socket, and the script itself (to restart what a test stops).
 */
final class RealCluster {
    final Path kubeconfig;
    final int nodes;
    final Path script;

    private RealCluster(Path kubeconfig, int nodes, Path script) {
        this.kubeconfig = kubeconfig;
        this.nodes = nodes;
        this.script = script;
    }

    static RealCluster fromEnvironment() {
        return new RealCluster(Path.of(required("SLIPWAY_CLUSTER_KUBECONFIG")), Integer.parseInt(required("SLIPWAY_CLUSTER_NODES")),
                repo().resolve("scripts/cluster.sh"));
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: start the test cluster with `scripts/cluster.sh start` and "
                    + "`eval \"$(scripts/cluster.sh env)\"`, or run scripts/test.sh, which does both");
        }
        return value;
    }

    private static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !dir.resolve("scripts/cluster.sh").toFile().exists()) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("scripts/cluster.sh not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    KubernetesClient admin() {
        return KubernetesClients.connect(new KubernetesClients.Settings(Optional.of(kubeconfig), Optional.empty()));
    }

    String stateFolder() {
        return System.getenv().getOrDefault("SLIPWAY_CLUSTER_DIR", "/tmp/slipway-cluster");
    }

    /** Names an image every node holds ({@code localhost/pause:1}) as {@code ref} in each node's containerd. */
    void tagOnEveryNode(String ref) {
        tagOnEveryNode("localhost/pause:1", ref);
    }

    /** Names the image {@code source} (held by every node) as {@code ref} in each node's containerd. */
    void tagOnEveryNode(String source, String ref) {
        String name = ref.contains("/") && !ref.startsWith("localhost/") && ref.indexOf('/') == ref.lastIndexOf('/')
                ? "docker.io/" + ref : ref;
        for (int i = 1; i <= nodes; i++) {
            String socket = containerd(i);
            run(List.of("sh", "-c", "ctr -a " + socket + " -n k8s.io images rm " + name + " >/dev/null 2>&1; ctr -a " + socket
                    + " -n k8s.io images tag " + source + " " + name), Duration.ofSeconds(30));
        }
    }

    /** Node {@code node}'s containerd socket. */
    String containerd(int node) {
        return required("SLIPWAY_CLUSTER_NODE_" + node + "_CONTAINERD");
    }

    /** The kubectl built with the cluster, on the admin kubeconfig. */
    List<String> kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of(required("SLIPWAY_CLUSTER_KUBECTL"), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Kills the API server and the controller manager, as a restart of the control-plane host would, then starts them
     * again with the script; returns once every node is Ready. The controller manager goes too: one that stays up
     * judges the nodes by leases its watches saw before the outage, and with this cluster's 20 s grace period it marks
     * a healthy node NotReady whenever its watches come back later than the kubelet's next renewal.
     */
    void restartControlPlane(Duration down) throws InterruptedException {
        String controlPlane = stateFolder() + "/control-plane/";
        run(List.of("sh", "-c", "kill -9 $(cat " + controlPlane + "apiserver.pid) $(cat " + controlPlane + "controller-manager.pid)"),
                Duration.ofSeconds(10));
        Thread.sleep(down.toMillis());
        run(List.of(script.toString(), "start", String.valueOf(nodes)), Duration.ofMinutes(3));
    }

    /** Kills node {@code node}'s kubelet, as a crash would; its containerd and pods stay. */
    void stopKubelet(int node) {
        run(List.of("sh", "-c", "kill -9 $(cat " + stateFolder() + "/node" + node + "/kubelet.pid)"), Duration.ofSeconds(10));
    }

    /** Starts again whatever of the cluster is not running (the script is idempotent) and waits until every node is Ready. */
    void restore() {
        run(List.of(script.toString(), "start", String.valueOf(nodes)), Duration.ofMinutes(3));
    }

    static String run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
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
}
