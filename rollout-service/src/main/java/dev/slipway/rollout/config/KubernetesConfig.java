package dev.slipway.rollout.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the cluster is, the same keys the verifier reads: {@code slipway.kubernetes.kubeconfig}
 * and {@code slipway.kubernetes.context}. Without them the in-cluster service account, then
 * {@code $KUBECONFIG} or {@code ~/.kube/config}, is used. Read only when a service has a
 * {@code kubernetes:} runtime, so a Docker-only deployment never needs a cluster.
 */
@ConfigMapping(prefix = "slipway.kubernetes")
public interface KubernetesConfig {
    Optional<Path> kubeconfig();

    Optional<String> context();
}
