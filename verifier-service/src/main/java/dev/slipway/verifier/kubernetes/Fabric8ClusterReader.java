package dev.slipway.verifier.kubernetes;

import dev.slipway.events.names.KubeName;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** {@link ClusterReader} over fabric8: one GET or LIST per call, no watches, no caches. */
@Singleton
public class Fabric8ClusterReader implements ClusterReader {
    private final ClusterConnection connection;

    @Inject
    public Fabric8ClusterReader(ClusterConnection connection) {
        this.connection = connection;
    }

    @Override
    public List<Node> nodes() {
        return connection.client().nodes().list().getItems();
    }

    @Override
    public Optional<Deployment> deployment(KubeName namespace, KubeName name) {
        return Optional.ofNullable(connection.client().apps().deployments().inNamespace(namespace.value())
                .withName(name.value()).get());
    }

    @Override
    public Optional<StatefulSet> statefulSet(KubeName namespace, KubeName name) {
        return Optional.ofNullable(connection.client().apps().statefulSets().inNamespace(namespace.value())
                .withName(name.value()).get());
    }

    @Override
    public List<Pod> pods(KubeName namespace, String selector) {
        return connection.client().pods().inNamespace(namespace.value()).withLabelSelector(selector).list().getItems();
    }

    @Override
    public List<Pod> pods(KubeName namespace, LabelSelector selector) {
        return connection.client().pods().inNamespace(namespace.value()).withLabelSelector(selector).list().getItems();
    }

    @Override
    public List<PersistentVolumeClaim> claims(KubeName namespace) {
        return connection.client().persistentVolumeClaims().inNamespace(namespace.value()).list().getItems();
    }
}
