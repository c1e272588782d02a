package dev.slipway.rollout.kubernetes.real;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A namespace of its own on the real cluster for one test class, with the test images built and imported on every
 * node: created afresh (one left by an earlier run is deleted first) and deleted again by {@link #close()}.
 */
final class RealNamespace implements AutoCloseable {
    final RealCluster cluster;
    final KubernetesClient admin;
    final RealWorkloads workloads;
    /** Where the test images were built. */
    final Path work;
    private final String name;

    private RealNamespace(RealCluster cluster, KubernetesClient admin, String name, Path work) {
        this.cluster = cluster;
        this.admin = admin;
        this.name = name;
        this.work = work;
        this.workloads = new RealWorkloads(cluster, admin, name);
    }

    static RealNamespace create(String name) throws Exception {
        RealCluster cluster = RealCluster.fromEnvironment();
        KubernetesClient admin = cluster.admin();
        admin.namespaces().withName(name).delete();
        await().atMost(Duration.ofMinutes(3)).until(() -> admin.namespaces().withName(name).get() == null);
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.serviceAccounts().inNamespace(name).withName("default").get() != null);
        Path work = Files.createTempDirectory("slipway-cluster-images");
        ClusterImages.buildAndImport(cluster, work);
        return new RealNamespace(cluster, admin, name, work);
    }

    @Override
    public void close() {
        admin.namespaces().withName(name).delete();
        admin.close();
    }
}
