package dev.slipway.verifier.docker;

import dev.slipway.events.names.ContainerName;
import dev.slipway.verifier.decision.ContainerObservation;
import java.util.List;

/** Looks at a container on every Docker node. Never throws for what it finds: an absent container or an unreachable engine is an observation. */
public interface ContainerInspector {
    /** One observation per Docker node, in name order; empty when no node has a Docker engine. */
    List<ContainerObservation> inspectOnEveryNode(ContainerName container);

    /** Why there is no node to look at, for when {@link #inspectOnEveryNode} is empty: what is configured and what to set. */
    String whyNoNode();
}
