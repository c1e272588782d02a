package dev.slipway.events.plan;

import dev.slipway.events.names.KubeName;

/**
 * The Kubernetes workload a service maps to: the container {@code container} of the Deployment or
 * StatefulSet {@code namespace/name}, whose image is set to the release's image with {@code imagePullPolicy}.
 */
public record KubernetesRuntime(KubeName namespace, WorkloadKind kind, KubeName name, KubeName container,
        PullPolicy imagePullPolicy) {
    public KubernetesRuntime {
        kind = kind == null ? WorkloadKind.DEPLOYMENT : kind;
        imagePullPolicy = imagePullPolicy == null ? PullPolicy.NEVER : imagePullPolicy;
        if (namespace == null || name == null || container == null) {
            throw new IllegalArgumentException("a kubernetes runtime needs namespace, name and container");
        }
    }
}
