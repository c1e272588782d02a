package dev.slipway.bench.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node of scripts/bench-nodes.sh: its SSH login inside its network namespace, its containerd socket
 * and the host side of its veth pair, whose counters say how many bytes the host sent it.
 */
record BenchNode(int index, String login, Path containerd, String veth) {
    /** The node's name in the distributor's configuration. */
    String name() {
        return "vps-" + index;
    }

    /** The node's ctr command; containerd's socket is a file, so it works over SSH inside the namespace too. */
    String ctr() {
        return "ctr -a " + containerd + " -n k8s.io";
    }

    /** Bytes the host has sent to the node over its link (host side of the veth, transmitted). */
    long sentBytes() {
        return counter("tx_bytes");
    }

    /** Bytes the node has sent to the host (acknowledgements, answers). */
    long receivedBytes() {
        return counter("rx_bytes");
    }

    private long counter(String name) {
        try {
            return Long.parseLong(Files.readString(Path.of("/sys/class/net", veth, "statistics", name)).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the counters of " + veth + ": is scripts/bench-nodes.sh running?", e);
        }
    }

    /** The image names the node's containerd holds, read on the host through its socket. */
    List<String> images() {
        return Shell.run(Duration.ofSeconds(30), List.of("ctr", "-a", containerd.toString(), "-n", "k8s.io", "images", "ls", "-q"))
                .lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** How many blobs the node's containerd holds. */
    int blobs() {
        return (int) Shell.run(Duration.ofSeconds(30), List.of("ctr", "-a", containerd.toString(), "-n", "k8s.io", "content", "ls", "-q"))
                .lines().filter(line -> !line.isBlank()).count();
    }

    /** Removes one image and waits for the garbage collector to drop what only it held. */
    void remove(String name) {
        Shell.run(Duration.ofMinutes(1), List.of("ctr", "-a", containerd.toString(), "-n", "k8s.io", "images", "rm", "--sync", name));
    }

    /** The nodes scripts/bench-nodes.sh env describes. */
    static List<BenchNode> fromEnvironment(Map<String, String> env) {
        String count = env.get("SLIPWAY_BENCH_NODES");
        if (count == null) {
            throw new IllegalStateException("SLIPWAY_BENCH_NODES is not set: start the nodes with scripts/bench-nodes.sh start "
                    + "and eval \"$(scripts/bench-nodes.sh env)\"");
        }
        List<BenchNode> nodes = new ArrayList<>();
        for (int i = 1; i <= Integer.parseInt(count); i++) {
            nodes.add(new BenchNode(i, required(env, "SLIPWAY_BENCH_NODE_" + i),
                    Path.of(required(env, "SLIPWAY_BENCH_NODE_" + i + "_CONTAINERD")),
                    required(env, "SLIPWAY_BENCH_NODE_" + i + "_VETH")));
        }
        return List.copyOf(nodes);
    }

    static String required(Map<String, String> env, String key) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + " is not set (eval \"$(scripts/bench-nodes.sh env)\")");
        }
        return value;
    }
}
