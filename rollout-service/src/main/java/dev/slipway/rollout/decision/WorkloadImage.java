package dev.slipway.rollout.decision;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.RegistryResult;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.events.plan.PullPolicy;
import java.util.Optional;

/**
 * The image a Kubernetes workload's container is set to, and with which pull policy: when the distributor put
 * the image in a registry, the registry's reference pinned to the manifest digest the registry answered with
 * ({@code host/repo:tag@sha256:…}, immutable: a tag moved later changes nothing) with {@code IfNotPresent} (the
 * kubelet pulls it once per node, whatever the plan's policy, which was written for images imported onto the
 * nodes); otherwise the built reference with the plan's pull policy (imported images have no registry digest;
 * the verifier then compares the image id the kubelet reports).
 */
public record WorkloadImage(BuiltImage image, String pullPolicy, Optional<RegistryResult> registry) {
    public static WorkloadImage of(BuiltImage built, KubernetesRuntime runtime, Optional<RegistryResult> registry) {
        if (registry.isPresent()) {
            RegistryResult pushed = registry.get();
            return new WorkloadImage(new BuiltImage(pushed.ref(), built.id(), built.sizeBytes(), built.layers(),
                    pushed.manifestDigest()),
                    PullPolicy.IF_NOT_PRESENT.kubernetesValue(), registry);
        }
        return new WorkloadImage(built, runtime.imagePullPolicy().kubernetesValue(), Optional.empty());
    }

    /** The reference the container is set to: {@code ref@digest} for a registry image, else the built reference. */
    public String reference() {
        return image.reference();
    }

    /** The image's reference without a digest, for messages. */
    public ImageRef ref() {
        return image.ref();
    }
}
