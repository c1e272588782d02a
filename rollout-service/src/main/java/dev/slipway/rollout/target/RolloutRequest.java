package dev.slipway.rollout.target;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeResult;
import dev.slipway.events.RegistryResult;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import java.util.List;
import java.util.Optional;

/**
 * What a runtime target needs to move one service to its new image: the release, the service, the image and
 * where it was put: on the nodes ({@code distribution}) and, when the distributor pushed it, in a registry
 * ({@code registry}, null otherwise).
 */
public record RolloutRequest(ReleaseContext release, ServicePlan service, BuiltImage image, List<NodeResult> distribution,
        RegistryResult registry) {
    public RolloutRequest {
        distribution = List.copyOf(distribution);
    }

    /** Without a registry: the image went to the nodes only. */
    public RolloutRequest(ReleaseContext release, ServicePlan service, BuiltImage image, List<NodeResult> distribution) {
        this(release, service, image, distribution, null);
    }

    public static RolloutRequest of(ImageDistributed distributed) {
        if (distributed.image() == null) {
            throw new IllegalArgumentException("image-distributed for " + distributed.service().name() + " carries no image");
        }
        return new RolloutRequest(distributed.release(), distributed.service(), distributed.image(), distributed.nodes(),
                distributed.registry());
    }

    public RolloutPolicy policy() {
        return release.rollout();
    }

    /** What the distributor reported for {@code node}, if anything. */
    public Optional<NodeResult> distributedTo(NodeName node) {
        return distribution.stream().filter(r -> r.node().equals(node)).findFirst();
    }

    /** The registry the image can be pulled from (PUSHED or ALREADY_PRESENT there), if the distributor used one. */
    public Optional<RegistryResult> pullableFromRegistry() {
        return registry != null && registry.pullable() ? Optional.of(registry) : Optional.empty();
    }
}
