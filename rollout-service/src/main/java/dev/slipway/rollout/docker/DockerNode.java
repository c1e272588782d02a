package dev.slipway.rollout.docker;

import dev.slipway.events.names.NodeName;

/** A node of the {@code docker} target: its validated name and its Docker engine's address. */
public record DockerNode(NodeName name, String engine) {}
