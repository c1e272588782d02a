package dev.slipway.verifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes the container checks look at, with the same keys as the distributor and rollout:
 * {@code slipway.nodes.<node-name>.engine=unix:///path/docker.sock}. Node names are validated as
 * {@link dev.slipway.events.names.NodeName} when the engines are opened.
 */
@ConfigMapping(prefix = "slipway.nodes")
public interface NodesConfig {
    @WithParentName
    Map<String, Node> nodes();

    interface Node {
        /**
         * The node's Docker engine: {@code unix:///path/docker.sock} or {@code tcp://host:port}. A node
         * without one (reached by another transport) has no containers for the container check to see.
         */
        Optional<String> engine();
    }
}
