package dev.slipway.distributor.config;

import dev.slipway.distributor.ssh.ContainerdCommands;
import dev.slipway.distributor.ssh.SshAddress;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.names.InvalidNameException;
import dev.slipway.events.names.NodeName;
import dev.slipway.nodes.NodesConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks the configuration once, at startup: every node name is a valid {@link NodeName}, every engine a
 * valid address, at least one node exists, and the build engine is set. Each problem is reported with
 * the key to fix; all problems at once.
 */
public final class NodeSettings {
    static final String DOCKER = "docker";
    static final String SSH_CONTAINERD = "ssh-containerd";
    static final int DEFAULT_CONNECT_ATTEMPTS = 3;
    static final String NODES_EXAMPLE = "slipway.nodes.<node-name>.engine=unix:///var/run/docker.sock";

    private NodeSettings() {}

    /** The configured nodes, sorted by name; throws {@link IllegalStateException} listing every problem. */
    public static List<ConfiguredNode> nodes(Map<String, NodesConfig.Node> configured) {
        return nodes(configured, false);
    }

    /**
     * The configured nodes, sorted by name; none is refused unless {@code registryConfigured} (the images then
     * go to the registry only, and the nodes pull them).
     */
    public static List<ConfiguredNode> nodes(Map<String, NodesConfig.Node> configured, boolean registryConfigured) {
        if (configured.isEmpty() && !registryConfigured) {
            throw new IllegalStateException("no node is configured for the distributor: set " + NODES_EXAMPLE
                    + " (one line per node; the launcher passes them as system properties), or a registry to push to"
                    + " with slipway.registry.url");
        }
        List<String> problems = new ArrayList<>();
        List<ConfiguredNode> nodes = new ArrayList<>();
        new TreeMap<>(configured).forEach((name, node) -> {
            NodeName nodeName;
            try {
                nodeName = NodeName.of(name);
            } catch (InvalidNameException e) {
                problems.add("slipway.nodes." + name + ": " + e.getMessage());
                return;
            }
            String transport = node.transport().map(String::strip).orElse(DOCKER);
            switch (transport) {
                case DOCKER -> docker(nodeName, node, problems).ifPresent(nodes::add);
                case SSH_CONTAINERD -> sshContainerd(nodeName, node, problems).ifPresent(nodes::add);
                default -> problems.add("slipway.nodes." + name + ".transport: '" + transport
                        + "' is not a transport: expected docker or ssh-containerd");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the distributor's node configuration is not valid: " + String.join("; ", problems));
        }
        return List.copyOf(nodes);
    }

    private static Optional<ConfiguredNode> docker(NodeName name, NodesConfig.Node node, List<String> problems) {
        String key = "slipway.nodes." + name + ".engine";
        if (node.engine().isEmpty()) {
            problems.add(key + " is not set: name the node's Docker engine, e.g. unix:///var/run/docker.sock");
            return Optional.empty();
        }
        try {
            return Optional.of(new ConfiguredNode.Docker(name, DockerEngines.address(node.engine().get())));
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<ConfiguredNode> sshContainerd(NodeName name, NodesConfig.Node node, List<String> problems) {
        String prefix = "slipway.nodes." + name + ".";
        int before = problems.size();
        SshAddress address = null;
        if (node.address().isEmpty()) {
            problems.add(prefix + "address is not set: name the node's SSH login, e.g. root@10.0.0.5:22");
        } else {
            try {
                address = SshAddress.parse(node.address().get());
            } catch (IllegalArgumentException e) {
                problems.add(prefix + "address: " + e.getMessage());
            }
        }
        Path key = readableFile(prefix + "key", node.key(), "the private key to log in with, e.g. /etc/slipway/id_ecdsa", problems);
        Path knownHosts = readableFile(prefix + "known-hosts", node.knownHosts(),
                "the known_hosts file listing the node's host key, e.g. /etc/slipway/known_hosts", problems);
        ContainerdCommands commands = null;
        try {
            commands = new ContainerdCommands(node.ctrCommand().orElse(ContainerdCommands.DEFAULT_CTR), node.importCommand(),
                    node.platform());
        } catch (IllegalArgumentException e) {
            problems.add(prefix + "ctr-command/import-command/platform: " + e.getMessage());
        }
        int attempts = node.connectAttempts().orElse(DEFAULT_CONNECT_ATTEMPTS);
        if (attempts < 1 || attempts > 10) {
            problems.add(prefix + "connect-attempts: " + attempts + " is not valid: 1-10");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ConfiguredNode.SshContainerd(name, address, key, knownHosts, commands,
                node.pin().orElse(false), attempts));
    }

    private static Path readableFile(String key, Optional<String> configured, String example, List<String> problems) {
        if (configured.isEmpty() || configured.get().isBlank()) {
            problems.add(key + " is not set: name " + example);
            return null;
        }
        Path path = Path.of(configured.get().strip());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            problems.add(key + ": " + path + " is not a readable file");
            return null;
        }
        return path;
    }

    /** The build engine address; throws {@link IllegalStateException} saying which key to set. */
    public static URI sourceEngine(Optional<String> configured) {
        if (configured.isEmpty() || configured.get().isBlank()) {
            throw new IllegalStateException("slipway.distributor.source-engine is not set: name the build engine "
                    + "images are read from, e.g. unix:///var/run/docker.sock");
        }
        try {
            return DockerEngines.address(configured.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("slipway.distributor.source-engine: " + e.getMessage(), e);
        }
    }
}
