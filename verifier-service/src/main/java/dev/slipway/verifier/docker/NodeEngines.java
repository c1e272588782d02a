package dev.slipway.verifier.docker;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.names.InvalidNameException;
import dev.slipway.events.names.NodeName;
import dev.slipway.verifier.config.NodesConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * A docker-java client per configured node ({@code slipway.nodes.<node>.engine}), opened once.
 * A node name that is not a valid {@link NodeName} or an engine address that is not unix:// or
 * tcp:// stops the verifier at startup with a message naming the key.
 */
@Singleton
@Startup
public class NodeEngines implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NodeEngines.class);
    private final Map<NodeName, DockerClient> clients = new TreeMap<>(
            (a, b) -> a.value().compareTo(b.value()));

    @Inject
    public NodeEngines(NodesConfig config) {
        this(engines(config));
    }

    public NodeEngines(Map<NodeName, String> engines) {
        engines.forEach((node, engine) -> {
            clients.put(node, DockerEngines.connect(engine));
            LOG.infof("node %s: Docker engine %s", node, engine);
        });
    }

    /** The configured nodes, by name. */
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

    private static Map<NodeName, String> engines(NodesConfig config) {
        Map<NodeName, String> engines = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        config.nodes().forEach((name, node) -> {
            NodeName nodeName;
            try {
                nodeName = NodeName.of(name);
            } catch (InvalidNameException e) {
                throw new IllegalArgumentException("configuration key slipway.nodes." + name
                        + ".engine: " + e.getMessage(), e);
            }
            node.engine().ifPresentOrElse(engine -> {
                DockerEngines.address(engine);
                engines.put(nodeName, engine);
            }, () -> LOG.warnf("node %s: no slipway.nodes.%s.engine; container checks do not look at this node",
                    nodeName, nodeName));
        });
        return engines;
    }
}
