package dev.slipway.verifier.docker;

import dev.slipway.events.names.ContainerName;
import dev.slipway.verifier.decision.ContainerObservation;
import java.util.List;

/** Looks at a container on every configured node. Never throws for what it finds: an absent container or an unreachable engine is an observation. */
public interface ContainerInspector {
    List<ContainerObservation> inspectOnEveryNode(ContainerName container);
}
