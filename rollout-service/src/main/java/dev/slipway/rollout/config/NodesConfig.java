package dev.slipway.rollout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;

/**
 * The nodes a service rolls out on, the same keys the distributor and verifier read:
 * {@code slipway.nodes.<node-name>.engine=unix:///path/docker.sock}. Names and addresses are
 * validated when the service starts (see {@code DockerNodes}).
 */
@ConfigMapping(prefix = "slipway.nodes")
public interface NodesConfig {
    /** Node name → its settings. */
    @WithParentName
    Map<String, Node> nodes();

    interface Node {
        /** The node's Docker engine: {@code unix:///path/docker.sock} or {@code tcp://host:port}. */
        String engine();
    }
}
