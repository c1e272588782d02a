package dev.slipway.distributor.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulated k3s nodes the ssh-containerd tests run against: per node a real containerd and a real
 * OpenSSH server on loopback, started by {@code scripts/k3s-nodes.sh start N} and found through the
 * environment it prints ({@code eval "$(scripts/k3s-nodes.sh env)"}).
 */
public final class K3sNodes {
    public static final String COUNT_ENV = "SLIPWAY_K3S_NODES";
    public static final String KEY_ENV = "SLIPWAY_K3S_NODE_KEY";
    public static final String KNOWN_HOSTS_ENV = "SLIPWAY_K3S_NODE_KNOWN_HOSTS";

    /** One simulated node: its SSH login and its containerd socket. */
    public record Node(String address, Path containerd) {
        /** The ctr command prefix reaching this node's containerd. */
        public String ctr() {
            return "ctr -a " + containerd + " -n k8s.io";
        }
    }

    private K3sNodes() {}

    /** The first {@code wanted} nodes (fewer if fewer run, at least {@code minimum}); fails clearly when none are set up. */
    public static List<Node> nodes(int minimum, int wanted) {
        int count = Integer.parseInt(required(COUNT_ENV));
        if (count < minimum) {
            throw new IllegalStateException(COUNT_ENV + "=" + count + " but this test needs " + minimum
                    + " nodes: run `scripts/k3s-nodes.sh start " + minimum + "` and `eval \"$(scripts/k3s-nodes.sh env)\"`");
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i <= Math.min(count, wanted); i++) {
            nodes.add(new Node(required("SLIPWAY_K3S_NODE_" + i), Path.of(required("SLIPWAY_K3S_NODE_" + i + "_CONTAINERD"))));
        }
        return nodes;
    }

    public static Path key() {
        return Path.of(required(KEY_ENV));
    }

    public static Path knownHosts() {
        return Path.of(required(KNOWN_HOSTS_ENV));
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: the ssh-containerd tests need the simulated k3s nodes "
                    + "(containerd + OpenSSH on loopback). Start them as root with `scripts/k3s-nodes.sh start 2` and "
                    + "`eval \"$(scripts/k3s-nodes.sh env)\"`, then run the tests again.");
        }
        return value;
    }

    /** Runs {@code ctr} locally against a node's containerd (what an operator on the node would see). */
    public static String ctr(Node node, String... args) {
        List<String> command = new ArrayList<>(List.of("ctr", "-a", node.containerd().toString(), "-n", "k8s.io"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Removes an image name from a node's containerd if it is there. */
    public static void remove(Node node, String name) {
        if (ctr(node, "images", "ls", "-q").lines().anyMatch(name::equals)) {
            ctr(node, "images", "rm", "--sync", name);
        }
    }
}
