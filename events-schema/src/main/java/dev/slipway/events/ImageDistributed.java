package dev.slipway.events;

import dev.slipway.events.plan.ServicePlan;
import dev.slipway.events.names.ImageRef;
import java.util.List;
import java.util.Optional;

/**
 * dev.slipway.image.distributed.v1: one per service, with a result per node and, when the image went to a
 * registry, the registry's result (whose {@code ref} the rollout then uses). FAILED when the build failed
 * (passed through, no nodes), when a node failed and the release's policy says that fails the service, or
 * when the push failed; {@code error} says which and why.
 */
public record ImageDistributed(ReleaseContext release, ServicePlan service, StageOutcome outcome, BuiltImage image,
        List<NodeResult> nodes, RegistryResult registry, String error) {
    public ImageDistributed {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** Without a registry: the image went to the nodes only. */
    public ImageDistributed(ReleaseContext release, ServicePlan service, StageOutcome outcome, BuiltImage image,
            List<NodeResult> nodes, String error) {
        this(release, service, outcome, image, nodes, null, error);
    }

    /** The reference the rollout deploys: the registry's when the image was pushed there, else the built one. */
    public Optional<ImageRef> registryRef() {
        return registry != null && registry.pullable() ? Optional.of(registry.ref()) : Optional.empty();
    }
}
