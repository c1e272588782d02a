package dev.slipway.rollout.kubernetes.real;

import dev.slipway.rollout.decision.Observed;
import static org.awaitility.Awaitility.await;

import dev.slipway.kubernetes.RolloutStatus;
import dev.slipway.rollout.kubernetes.KubeEvents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;

/**
 * Workloads of the {@link ClusterImages} on the real cluster, as a team would have them running before a release:
 * pods of {@code gx-protocol/<name>:<version>} (tagged from the {@code serve} image on every node) with a TCP
 * readiness probe on 8080; each method returns once the workload is rolled out.
 */
final class RealWorkloads {
    private final RealCluster cluster;
    private final KubernetesClient client;
    private final String namespace;

    RealWorkloads(RealCluster cluster, KubernetesClient client, String namespace) {
        this.cluster = cluster;
        this.client = client;
        this.namespace = namespace;
    }

    PodTemplateSpec template(String name, String version, boolean withSecret) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .withTerminationGracePeriodSeconds(1L).addNewContainer().withName(name)
                .withImage(KubeEvents.image(name, version)).withImagePullPolicy("Never")
                .withEnv(withSecret ? List.of(new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName("TOKEN").withNewValueFrom()
                        .withNewSecretKeyRef("token", name + "-env", false).endValueFrom().build()) : List.of())
                .withNewReadinessProbe().withNewTcpSocket().withNewPort(8080).endTcpSocket().withPeriodSeconds(1).endReadinessProbe()
                .endContainer().endSpec().build();
    }

    /** A Deployment of one pod at 2.0.0 with a Secret in its environment and the given progress deadline, rolled out. */
    HasMetadata deploymentWithSecret(String name, int progressDeadlineSeconds) {
        cluster.tagOnEveryNode(ClusterImages.ref("serve"), KubeEvents.image(name, "2.0.0"));
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name + "-env").endMetadata()
                .addToStringData("token", "t").build()).create();
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(1).withProgressDeadlineSeconds(progressDeadlineSeconds).withNewSelector().addToMatchLabels("app", name)
                .endSelector().withTemplate(template(name, "2.0.0", true)).endSpec().build()).create();
        return await().atMost(Duration.ofMinutes(2)).until(() -> client.apps().deployments().inNamespace(namespace).withName(name).get(),
                d -> d != null && RolloutStatus.of(Observed.workload(d)).done());
    }

    /** A StatefulSet of one pod at 2.0.0 mounting the claim {@code <name>-data} (bound to a slipway-local volume), rolled out. */
    HasMetadata statefulSetWithClaim(String name) {
        cluster.tagOnEveryNode(ClusterImages.ref("serve"), KubeEvents.image(name, "2.0.0"));
        RealCluster.run(List.of(cluster.script.toString(), "free-volumes"), Duration.ofMinutes(1));
        client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName(name + "-data").endMetadata().withNewSpec().withStorageClassName("slipway-local")
                .withAccessModes("ReadWriteOnce").withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
                .endSpec().build()).create();
        PodTemplateSpec template = new PodTemplateSpecBuilder(template(name, "2.0.0", false)).editSpec().addNewVolume()
                .withName("data").withNewPersistentVolumeClaim().withClaimName(name + "-data").endPersistentVolumeClaim().endVolume()
                .editFirstContainer().addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount().endContainer()
                .endSpec().build();
        client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(1).withServiceName(name).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withTemplate(template).endSpec().build()).create();
        return await().atMost(Duration.ofMinutes(2)).until(() -> client.apps().statefulSets().inNamespace(namespace).withName(name).get(),
                s -> s != null && RolloutStatus.of(Observed.workload(s)).done());
    }

    void deploymentOf(String name, int replicas, String version) {
        cluster.tagOnEveryNode(ClusterImages.ref("serve"), KubeEvents.image(name, version));
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withTemplate(template(name, version, false)).endSpec().build()).create();
        await().atMost(Duration.ofMinutes(2)).until(() -> client.apps().deployments().inNamespace(namespace).withName(name).get(),
                d -> d != null && RolloutStatus.of(Observed.workload(d)).done());
    }

    void statefulSetOf(String name, int replicas, String version) {
        cluster.tagOnEveryNode(ClusterImages.ref("serve"), KubeEvents.image(name, version));
        client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withTemplate(template(name, version, false)).endSpec().build()).create();
        await().atMost(Duration.ofMinutes(2)).until(() -> client.apps().statefulSets().inNamespace(namespace).withName(name).get(),
                s -> s != null && RolloutStatus.of(Observed.workload(s)).done());
    }

    void remove(HasMetadata workload) {
        String name = workload.getMetadata().getName();
        client.apps().deployments().inNamespace(namespace).withName(name).delete();
        client.apps().statefulSets().inNamespace(namespace).withName(name).delete();
        client.secrets().inNamespace(namespace).withName(name + "-env").delete();
        client.persistentVolumeClaims().inNamespace(namespace).withName(name + "-data").delete();
    }

}
