package dev.slipway.verifier.kubernetes;

import static dev.slipway.kubernetes.ApiResources.CLAIMS;
import static dev.slipway.kubernetes.ApiResources.DEPLOYMENTS;
import static dev.slipway.kubernetes.ApiResources.NODES;
import static dev.slipway.kubernetes.ApiResources.PODS;
import static dev.slipway.kubernetes.ApiResources.STATEFUL_SETS;

import dev.slipway.events.names.KubeName;
import dev.slipway.kubernetes.observed.ObservedClaim;
import dev.slipway.kubernetes.observed.ObservedNode;
import dev.slipway.kubernetes.observed.ObservedObjects;
import dev.slipway.kubernetes.observed.ObservedPod;
import dev.slipway.kubernetes.observed.ObservedWorkload;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * {@link ClusterReader} over fabric8: one GET or LIST per call, no watches, no caches; objects read as fabric8's
 * generic resources and handed over as the narrow records of {@code dev.slipway.kubernetes.observed}.
 */
@Singleton
public class Fabric8ClusterReader implements ClusterReader {
    private final ClusterConnection connection;

    @Inject
    public Fabric8ClusterReader(ClusterConnection connection) {
        this.connection = connection;
    }

    @Override
    public List<ObservedNode> nodes() {
        return ObservedObjects.readAll(connection.client().genericKubernetesResources(NODES).list().getItems(),
                ObservedNode.class);
    }

    @Override
    public Optional<ObservedWorkload> deployment(KubeName namespace, KubeName name) {
        return workload(DEPLOYMENTS, namespace, name);
    }

    @Override
    public Optional<ObservedWorkload> statefulSet(KubeName namespace, KubeName name) {
        return workload(STATEFUL_SETS, namespace, name);
    }

    private Optional<ObservedWorkload> workload(ResourceDefinitionContext kind, KubeName namespace, KubeName name) {
        return Optional.ofNullable(ObservedObjects.read(connection.client().genericKubernetesResources(kind)
                .inNamespace(namespace.value()).withName(name.value()).get(), ObservedWorkload.class));
    }

    @Override
    public List<ObservedPod> pods(KubeName namespace, String selector) {
        return ObservedObjects.readAll(connection.client().genericKubernetesResources(PODS).inNamespace(namespace.value())
                .withLabelSelector(selector).list().getItems(), ObservedPod.class);
    }

    @Override
    public List<ObservedPod> pods(KubeName namespace, LabelSelector selector) {
        return ObservedObjects.readAll(connection.client().genericKubernetesResources(PODS).inNamespace(namespace.value())
                .withLabelSelector(selector).list().getItems(), ObservedPod.class);
    }

    @Override
    public List<ObservedClaim> claims(KubeName namespace) {
        return ObservedObjects.readAll(connection.client().genericKubernetesResources(CLAIMS).inNamespace(namespace.value())
                .list().getItems(), ObservedClaim.class);
    }
}
