package dev.slipway.verifier.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the Kubernetes checks find the cluster ({@code slipway.kubernetes.*}, the same keys as the rollout).
 * Both optional: without them the in-cluster service account, then {@code $KUBECONFIG} or
 * {@code ~/.kube/config} are tried, and only when a Kubernetes check runs.
 */
@ConfigMapping(prefix = "slipway.kubernetes")
public interface KubernetesConfig {
    /** A kubeconfig file. */
    Optional<Path> kubeconfig();

    /** The context of the kubeconfig to use instead of its current context. */
    Optional<String> context();
}
