package dev.slipway.nodes;

import dev.slipway.docker.DockerEngines;
import dev.slipway.events.names.InvalidNameException;
import dev.slipway.events.names.NodeName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The node configuration as rollout and verifier see it, checked once at startup: every node name is a
 * valid {@link NodeName}; a node of transport {@code docker} (the default) has a valid {@code .engine} and is
 * a Docker node; a node of any other transport (e.g. {@code ssh-containerd}) is kept by name with its
 * transport and is not a Docker node. Every problem is reported with the key to fix, all at once.
 *
 * @param dockerEngines the Docker nodes, by name, with their engine address
 * @param otherNodes the nodes that are not Docker nodes, by name, with their transport
 */
public record ConfiguredNodes(Map<NodeName, String> dockerEngines, Map<NodeName, String> otherNodes) {
    public static final String DOCKER = "docker";

    public ConfiguredNodes {
        dockerEngines = Collections.unmodifiableMap(sorted(dockerEngines));
        otherNodes = Collections.unmodifiableMap(sorted(otherNodes));
    }

    public static ConfiguredNodes of(NodesConfig config) {
        return of(config.nodes());
    }

    /** Throws {@link IllegalArgumentException} listing every problem with its key. */
    public static ConfiguredNodes of(Map<String, NodesConfig.Node> configured) {
        List<String> problems = new ArrayList<>();
        Map<NodeName, String> engines = new TreeMap<>(ConfiguredNodes::byName);
        Map<NodeName, String> others = new TreeMap<>(ConfiguredNodes::byName);
        new TreeMap<>(configured).forEach((name, node) -> {
            NodeName nodeName;
            try {
                nodeName = NodeName.of(name);
            } catch (InvalidNameException e) {
                problems.add("slipway.nodes." + name + ": " + e.getMessage());
                return;
            }
            String transport = node.transport().map(String::strip).filter(t -> !t.isEmpty()).orElse(DOCKER);
            if (!DOCKER.equals(transport)) {
                others.put(nodeName, transport);
                return;
            }
            String key = "slipway.nodes." + name + ".engine";
            if (node.engine().isEmpty() || node.engine().get().isBlank()) {
                problems.add(key + " is not set: a node of transport docker (the default) needs its Docker engine, "
                        + "e.g. unix:///var/run/docker.sock; for a k3s node set slipway.nodes." + name
                        + ".transport=ssh-containerd");
                return;
            }
            try {
                DockerEngines.address(node.engine().get());
                engines.put(nodeName, node.engine().get().strip());
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the node configuration is not valid: " + String.join("; ", problems));
        }
        return new ConfiguredNodes(engines, others);
    }

    private static int byName(NodeName a, NodeName b) {
        return a.value().compareTo(b.value());
    }

    private static Map<NodeName, String> sorted(Map<NodeName, String> nodes) {
        Map<NodeName, String> copy = new TreeMap<>(ConfiguredNodes::byName);
        copy.putAll(nodes);
        return copy;
    }
}
