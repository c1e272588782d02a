package dev.slipway.distributor.config;

import dev.slipway.distributor.ssh.ContainerdCommands;
import dev.slipway.distributor.ssh.SshAddress;
import dev.slipway.events.names.NodeName;
import java.net.URI;
import java.nio.file.Path;

/** A node from the configuration, validated: its name and how it is reached. */
public sealed interface ConfiguredNode {
    NodeName name();

    /** A Docker engine ({@code docker} transport). */
    record Docker(NodeName name, URI engine) implements ConfiguredNode {}

    /** A containerd host over SSH ({@code ssh-containerd} transport). */
    record SshContainerd(NodeName name, SshAddress address, Path key, Path knownHosts, ContainerdCommands commands,
            boolean pin, int connectAttempts) implements ConfiguredNode {}
}
