package dev.slipway.distributor.config;

import dev.slipway.events.names.NodeName;
import java.net.URI;

/** A node from the configuration, validated: its name and its Docker engine address. */
public record ConfiguredNode(NodeName name, URI engine) {}
