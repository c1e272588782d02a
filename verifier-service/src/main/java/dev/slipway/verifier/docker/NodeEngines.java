package dev.slipway.verifier.docker;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.names.NodeName;
import dev.slipway.nodes.ConfiguredNodes;
import dev.slipway.nodes.NodesConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A docker-java client per Docker node ({@code slipway.nodes.<node>.engine}, transport {@code docker}), opened
 * once. A node name that is not a valid {@link NodeName}, a Docker node without an engine or an engine address
 * that is not unix:// or tcp:// stops the verifier at startup with a message naming the key (see
 * {@link ConfiguredNodes}). Nodes of another transport (e.g. ssh-containerd k3s nodes, seen by the Kubernetes
 * checks through the API server) have no Docker engine and are not looked at here.
 */
@Singleton
@Startup
public class NodeEngines implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NodeEngines.class);
    private final Map<NodeName, DockerClient> clients = new TreeMap<>(
            (a, b) -> a.value().compareTo(b.value()));
    private final Map<NodeName, String> otherNodes;

    @Inject
    public NodeEngines(NodesConfig config) {
        this(ConfiguredNodes.of(config));
    }

    public NodeEngines(ConfiguredNodes configured) {
        this(configured.dockerEngines(), configured.otherNodes());
    }

    public NodeEngines(Map<NodeName, String> engines) {
        this(engines, Map.of());
    }

    private NodeEngines(Map<NodeName, String> engines, Map<NodeName, String> otherNodes) {
        engines.forEach((node, engine) -> {
            clients.put(node, DockerEngines.connect(engine));
            LOG.infof("node %s: Docker engine %s", node, engine);
        });
        this.otherNodes = otherNodes;
        otherNodes.forEach((node, transport) -> LOG.infof(
                "node %s: transport %s, not a Docker node; container checks do not look at it", node, transport));
    }

    /**
     * Why there is no node to look at, for when {@link #clients()} is empty: names the configured nodes that
     * are not Docker nodes and says what to set.
     */
    public String whyNoDockerNode() {
        String set = "set slipway.nodes.<node>.engine=unix:///var/run/docker.sock for each node that runs the container";
        if (otherNodes.isEmpty()) {
            return "the verifier has no node configured: " + set;
        }
        String others = otherNodes.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
        return "the verifier has no Docker node: " + (otherNodes.size() == 1 ? "node " : "nodes ") + others
                + (otherNodes.size() == 1 ? " is" : " are") + " seen only through the Kubernetes API; " + set
                + ", or use a workload check for a service with a kubernetes: runtime";
    }

    /** The Docker nodes, by name. */
    public Map<NodeName, DockerClient> clients() {
        return Collections.unmodifiableMap(clients);
    }

    @Override
    @PreDestroy
    public void close() {
        clients.forEach((node, client) -> {
            try {
                client.close();
            } catch (IOException e) {
                LOG.warnf("node %s: closing the Docker client failed: %s", node, e.getMessage());
            }
        });
    }
}
