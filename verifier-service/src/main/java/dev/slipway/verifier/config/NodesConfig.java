package dev.slipway.verifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes, the same keys the distributor and rollout read: {@code slipway.nodes.<node-name>.*}. A node with
 * transport {@code docker} (the default) is a Docker engine, {@code .engine=unix:///path/docker.sock}, and the
 * container checks look at its containers. Any other transport (e.g. {@code ssh-containerd}, a k3s node the
 * distributor imports images into over SSH) is not a Docker node: the Kubernetes checks see it through the API
 * server. Its keys are accepted here (the mapping rejects keys it does not know) but only the distributor reads
 * them. Checked at startup by {@link ConfiguredNodes}.
 */
@ConfigMapping(prefix = "slipway.nodes")
public interface NodesConfig {
    /** Node name → its settings. */
    @WithParentName
    Map<String, Node> nodes();

    interface Node {
        /** {@code docker} (default) or another transport, e.g. {@code ssh-containerd}. */
        Optional<String> transport();

        /** docker: the node's Docker engine, {@code unix:///path/docker.sock} or {@code tcp://host:port}. */
        Optional<String> engine();

        /** ssh-containerd, read by the distributor: {@code user@host[:port]}. */
        Optional<String> address();

        /** ssh-containerd, read by the distributor: the private key file. */
        Optional<String> key();

        /** ssh-containerd, read by the distributor: the known_hosts file. */
        Optional<String> knownHosts();

        /** ssh-containerd, read by the distributor: the node's ctr command prefix. */
        Optional<String> ctrCommand();

        /** ssh-containerd, read by the distributor: the import command reading an image tar on stdin. */
        Optional<String> importCommand();

        /** ssh-containerd, read by the distributor: the platform imported from a multi-platform save. */
        Optional<String> platform();

        /** ssh-containerd, read by the distributor: whether imported images are pinned (true/false). */
        Optional<String> pin();

        /** ssh-containerd, read by the distributor: connection attempts for faults that pass. */
        Optional<String> connectAttempts();
    }
}
