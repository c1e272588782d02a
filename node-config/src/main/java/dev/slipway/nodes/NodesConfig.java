package dev.slipway.nodes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes, one mapping for distributor, rollout and verifier: {@code slipway.nodes.<node-name>.*}. A node is
 * a Docker engine ({@code .engine}, transport {@code docker}, the default) or a containerd host reached over
 * SSH ({@code .transport=ssh-containerd} with {@code .address}, {@code .key}, {@code .known-hosts}, ...), which
 * only the distributor talks to (rollout and verifier reach it through the Kubernetes API). A key the mapping
 * does not know is refused at startup, so every service accepts exactly the same keys. Each service checks
 * what it uses: the distributor every key ({@code NodeSettings}), rollout and verifier the Docker nodes
 * ({@link ConfiguredNodes}).
 */
@ConfigMapping(prefix = "slipway.nodes")
public interface NodesConfig {
    /** Every configured node by its (not yet validated) name. */
    @WithParentName
    Map<String, Node> nodes();

    interface Node {
        /** {@code docker} (default) or {@code ssh-containerd}. */
        Optional<String> transport();

        /** docker: the node's Docker engine, {@code unix:///path/docker.sock} or {@code tcp://host:port}. */
        Optional<String> engine();

        /** ssh-containerd: {@code user@host[:port]}. */
        Optional<String> address();

        /** ssh-containerd: the private key file (OpenSSH format, no passphrase) to log in with. */
        Optional<String> key();

        /** ssh-containerd: the known_hosts file the node's host key must be listed in. */
        Optional<String> knownHosts();

        /** ssh-containerd: the node's ctr command prefix, default {@code k3s ctr -n k8s.io}. */
        Optional<String> ctrCommand();

        /** ssh-containerd: the import command reading a docker save tar on stdin; default {@code <ctr-command> images import -}. */
        Optional<String> importCommand();

        /** ssh-containerd: the platform imported from a multi-platform save, e.g. {@code linux/amd64}. */
        Optional<String> platform();

        /** ssh-containerd: label imported images {@code io.cri-containerd.pinned=pinned} (default false). */
        Optional<Boolean> pin();

        /** ssh-containerd: connection attempts for faults that pass (refused, reset); default 3. */
        Optional<Integer> connectAttempts();
    }
}
