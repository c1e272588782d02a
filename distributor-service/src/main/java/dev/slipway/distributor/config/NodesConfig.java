package dev.slipway.distributor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes images go to, shared with rollout and verifier: {@code slipway.nodes.<node-name>.*}. A node is
 * a Docker engine ({@code .engine}, transport {@code docker}, the default) or a containerd host reached
 * over SSH ({@code .transport=ssh-containerd} with {@code .address}, {@code .key}, {@code .known-hosts}).
 * Everything is checked at startup ({@link NodeSettings}).
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
