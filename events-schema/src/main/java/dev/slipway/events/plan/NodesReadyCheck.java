package dev.slipway.events.plan;

import dev.slipway.events.names.NodeName;
import java.util.List;

/** The cluster's nodes are Ready: all of them, or the named ones. */
public record NodesReadyCheck(List<NodeName> nodes) {
    public NodesReadyCheck {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }
}
