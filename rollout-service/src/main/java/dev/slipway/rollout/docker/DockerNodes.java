package dev.slipway.rollout.docker;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.names.NodeName;
import dev.slipway.nodes.ConfiguredNodes;
import dev.slipway.nodes.NodesConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The Docker nodes of the configuration ({@code slipway.nodes.<name>.engine}, transport {@code docker}), checked
 * once at start-up (an invalid name or address stops the service with the key at fault; see
 * {@link ConfiguredNodes}), in name order, each with its own docker-java client. Nodes of another transport
 * (e.g. ssh-containerd k3s nodes, reached by the Kubernetes target through the API server) are not used here.
 */
@Startup
@ApplicationScoped
public class DockerNodes {
    private final Map<NodeName, DockerNode> nodes = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    private Map<NodeName, String> otherNodes = Map.of();
    private final Map<NodeName, DockerClient> clients = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));

    @Inject
    public DockerNodes(NodesConfig config) {
        this(ConfiguredNodes.of(config));
    }

    public DockerNodes(ConfiguredNodes configured) {
        this(configured.dockerEngines().entrySet().stream().map(e -> new DockerNode(e.getKey(), e.getValue())).toList(),
                configured.otherNodes());
        configured.otherNodes().forEach((node, transport) -> Log.infof(
                "node %s: transport %s, not a Docker node; the docker target does not run containers there", node, transport));
    }

    public DockerNodes(List<DockerNode> nodes) {
        this(nodes, Map.of());
    }

    private DockerNodes(List<DockerNode> nodes, Map<NodeName, String> otherNodes) {
        for (DockerNode node : nodes) {
            this.nodes.put(node.name(), node);
        }
        this.otherNodes = otherNodes;
    }

    /**
     * Why a service with a docker runtime has nowhere to run, for when {@link #all()} is empty: names the
     * configured nodes that are not Docker nodes and says what to set.
     */
    public String whyNoDockerNode() {
        String set = "set slipway.nodes.<node>.engine=unix:///var/run/docker.sock for each node that runs the service's "
                + "container";
        if (otherNodes.isEmpty()) {
            return "rollout-service has no node configured: " + set + " (the launcher passes them as system properties)";
        }
        String others = otherNodes.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
        return "rollout-service has no Docker node: " + (otherNodes.size() == 1 ? "node " : "nodes ") + others
                + (otherNodes.size() == 1 ? " is" : " are") + " reached only through the Kubernetes API; " + set
                + ", or give the service a kubernetes: section in slipway.yaml";
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
