package dev.slipway.events;

import dev.slipway.events.names.NodeName;

/** Distribution of one image to one node: outcome, bytes sent, time taken and, on FAILED, the error. */
public record NodeResult(NodeName node, NodeOutcome outcome, long bytes, long durationMillis, String error) {}
