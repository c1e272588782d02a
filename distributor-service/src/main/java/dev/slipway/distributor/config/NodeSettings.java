package dev.slipway.distributor.config;

import dev.slipway.docker.DockerEngines;
import dev.slipway.events.names.InvalidNameException;
import dev.slipway.events.names.NodeName;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks the configuration once, at startup: every node name is a valid {@link NodeName}, every engine a
 * valid address, at least one node exists, and the build engine is set. Each problem is reported with
 * the key to fix; all problems at once.
 */
public final class NodeSettings {
    static final String NODES_EXAMPLE = "slipway.nodes.<node-name>.engine=unix:///var/run/docker.sock";

    private NodeSettings() {}

    /** The configured nodes, sorted by name; throws {@link IllegalStateException} listing every problem. */
    public static List<ConfiguredNode> nodes(Map<String, NodesConfig.Node> configured) {
        if (configured.isEmpty()) {
            throw new IllegalStateException("no node is configured for the distributor: set " + NODES_EXAMPLE
                    + " (one line per node; the launcher passes them as system properties)");
        }
        List<String> problems = new ArrayList<>();
        List<ConfiguredNode> nodes = new ArrayList<>();
        new TreeMap<>(configured).forEach((name, node) -> {
            String key = "slipway.nodes." + name + ".engine";
            NodeName nodeName;
            try {
                nodeName = NodeName.of(name);
            } catch (InvalidNameException e) {
                problems.add("slipway.nodes." + name + ": " + e.getMessage());
                return;
            }
            if (node.engine().isEmpty()) {
                problems.add(key + " is not set: name the node's Docker engine, e.g. unix:///var/run/docker.sock");
                return;
            }
            try {
                nodes.add(new ConfiguredNode(nodeName, DockerEngines.address(node.engine().get())));
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the distributor's node configuration is not valid: " + String.join("; ", problems));
        }
        return List.copyOf(nodes);
    }

    /** The build engine address; throws {@link IllegalStateException} saying which key to set. */
    public static URI sourceEngine(Optional<String> configured) {
        if (configured.isEmpty() || configured.get().isBlank()) {
            throw new IllegalStateException("slipway.distributor.source-engine is not set: name the build engine "
                    + "images are read from, e.g. unix:///var/run/docker.sock");
        }
        try {
            return DockerEngines.address(configured.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("slipway.distributor.source-engine: " + e.getMessage(), e);
        }
    }
}
