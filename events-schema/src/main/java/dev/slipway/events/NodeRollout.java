package dev.slipway.events;

import dev.slipway.events.names.NodeName;

/** The rollout of one service on one node (a container on a Docker host, say), with a diagnosis when it failed. */
public record NodeRollout(NodeName node, RolloutOutcome outcome, String target, String diagnosis) {}
