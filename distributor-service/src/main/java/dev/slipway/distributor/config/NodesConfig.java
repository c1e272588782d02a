package dev.slipway.distributor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes images go to, shared with rollout and verifier: {@code slipway.nodes.<node-name>.engine}.
 * Node names are checked with {@code NodeName} at startup ({@link NodeSettings}).
 */
@ConfigMapping(prefix = "slipway.nodes")
public interface NodesConfig {
    /** Every configured node by its (not yet validated) name. */
    @WithParentName
    Map<String, Node> nodes();

    interface Node {
        /** The node's Docker engine, {@code unix:///path/docker.sock} or {@code tcp://host:port}. */
        Optional<String> engine();
    }
}
