package dev.slipway.kubernetes;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The API resources the stages read, for fabric8's generic operations ({@code
 * client.genericKubernetesResources(ApiResources.PODS)}), named here so that no request goes to API discovery first.
 * Read with the records of {@code dev.slipway.kubernetes.observed}.
 */
public final class ApiResources {
    public static final ResourceDefinitionContext DEPLOYMENTS = of("apps", "Deployment", "deployments", true);
    public static final ResourceDefinitionContext STATEFUL_SETS = of("apps", "StatefulSet", "statefulsets", true);
    public static final ResourceDefinitionContext REPLICA_SETS = of("apps", "ReplicaSet", "replicasets", true);
    public static final ResourceDefinitionContext PODS = of("", "Pod", "pods", true);
    public static final ResourceDefinitionContext EVENTS = of("", "Event", "events", true);
    public static final ResourceDefinitionContext CLAIMS = of("", "PersistentVolumeClaim", "persistentvolumeclaims", true);
    public static final ResourceDefinitionContext NODES = of("", "Node", "nodes", false);

    private ApiResources() {}

    /** At /api/v1 (group "") or /apis/{group}/v1. */
    private static ResourceDefinitionContext of(String group, String kind, String plural, boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1").withKind(kind).withPlural(plural)
                .withNamespaced(namespaced).build();
    }
}
