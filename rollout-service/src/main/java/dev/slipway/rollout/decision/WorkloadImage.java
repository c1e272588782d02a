package dev.slipway.rollout.decision;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.RegistryResult;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.events.plan.PullPolicy;
import java.util.Optional;

/**
 * The image a Kubernetes workload's container is set to, and with which pull policy: when the distributor put
 * the image in a registry, the registry's reference with {@code IfNotPresent} (the kubelet pulls it once per
 * node, whatever the plan's policy, which was written for images imported onto the nodes); otherwise the built
 * reference with the plan's pull policy.
 */
public record WorkloadImage(BuiltImage image, String pullPolicy, Optional<RegistryResult> registry) {
    public static WorkloadImage of(BuiltImage built, KubernetesRuntime runtime, Optional<RegistryResult> registry) {
        if (registry.isPresent()) {
            RegistryResult pushed = registry.get();
            return new WorkloadImage(new BuiltImage(pushed.ref(), built.id(), built.sizeBytes(), built.layers()),
                    PullPolicy.IF_NOT_PRESENT.kubernetesValue(), registry);
        }
        return new WorkloadImage(built, runtime.imagePullPolicy().kubernetesValue(), Optional.empty());
    }

    /** The reference the container is set to. */
    public ImageRef ref() {
        return image.ref();
    }
}
