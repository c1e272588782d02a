package dev.slipway.rollout.docker;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.names.InvalidNameException;
import dev.slipway.events.names.NodeName;
import dev.slipway.rollout.config.NodesConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configured nodes ({@code slipway.nodes.<name>.engine}), validated once at start-up (an
 * invalid name or address stops the service with the key at fault), in name order, each with its
 * own docker-java client.
 */
@Startup
@ApplicationScoped
public class DockerNodes {
    private final Map<NodeName, DockerNode> nodes = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    private final Map<NodeName, DockerClient> clients = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));

    @Inject
    public DockerNodes(NodesConfig config) {
        this(fromConfig(config));
    }

    public DockerNodes(List<DockerNode> nodes) {
        for (DockerNode node : nodes) {
            this.nodes.put(node.name(), node);
        }
    }

    private static List<DockerNode> fromConfig(NodesConfig config) {
        List<DockerNode> nodes = new ArrayList<>();
        config.nodes().forEach((name, node) -> {
            NodeName nodeName;
            try {
                nodeName = NodeName.of(name);
            } catch (InvalidNameException e) {
                throw new IllegalArgumentException("slipway.nodes." + name + ".engine: " + e.getMessage(), e);
            }
            try {
                DockerEngines.address(node.engine());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("slipway.nodes." + name + ".engine: " + e.getMessage(), e);
            }
            nodes.add(new DockerNode(nodeName, node.engine().trim()));
        });
        return nodes;
    }

    public List<DockerNode> all() {
        return List.copyOf(nodes.values());
    }

    public synchronized DockerClient client(DockerNode node) {
        return clients.computeIfAbsent(node.name(), n -> DockerEngines.connect(node.engine()));
    }

    @PreDestroy
    synchronized void close() {
        clients.forEach((node, client) -> {
            try {
                client.close();
            } catch (IOException e) {
                Log.warnf("node %s: closing the Docker client failed: %s", node, e.getMessage());
            }
        });
        clients.clear();
    }
}
