package dev.slipway.verifier;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Map;

/**
 * Kubernetes objects as a cluster shows them after its controllers and kubelets acted: nodes with their Ready
 * condition, Deployments and StatefulSets with status, pods with container states, claims with their phase.
 */
public final class ClusterObjects {
    private ClusterObjects() {}

    public static Node readyNode(String name) {
        return node(name, "True", "KubeletReady", "kubelet is posting ready status");
    }

    public static Node node(String name, String ready, String reason, String message) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready).withReason(reason).withMessage(message)
                .endCondition().endStatus().build();
    }

    public static PodTemplateSpec template(String app, String container, String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(Map.of("app", app)).endMetadata()
                .withNewSpec().addNewContainer().withName(container).withImage(image).withImagePullPolicy("Never").endContainer()
                .endSpec().build();
    }

    /** A Deployment whose controller observed generation 1: {@code updated} of {@code replicas} new, {@code ready} of them ready. */
    public static Deployment deployment(String namespace, String name, String image, int replicas, int updated, int ready,
            int total) {
        return new DeploymentBuilder().withNewMetadata().withNamespace(namespace).withName(name).withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withTemplate(template(name, name, image)).endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(total).withUpdatedReplicas(updated)
                .withReadyReplicas(ready).withAvailableReplicas(ready).endStatus().build();
    }

    public static Deployment readyDeployment(String namespace, String name, String image, int replicas) {
        return deployment(namespace, name, image, replicas, replicas, replicas, replicas);
    }

    public static StatefulSet statefulSet(String namespace, String name, String image, int replicas, int ready,
            String... claimTemplates) {
        StatefulSetBuilder builder = new StatefulSetBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name).withNewSelector().addToMatchLabels("app", name)
                .endSelector().withTemplate(template(name, name, image)).endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(replicas).withReadyReplicas(ready)
                .withCurrentRevision(name + "-5d8f").withUpdateRevision(name + "-5d8f").withUpdatedReplicas(replicas)
                .endStatus();
        for (String claimTemplate : claimTemplates) {
            builder.editSpec().addNewVolumeClaimTemplate().withNewMetadata().withName(claimTemplate).endMetadata()
                    .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                    .addToRequests("storage", new Quantity("50Gi")).endResources().endSpec().endVolumeClaimTemplate().endSpec();
        }
        return builder.build();
    }

    /** A pod of app {@code app} on {@code node}, Running with its one container ready. */
    public static Pod runningPod(String namespace, String name, String app, String image, String node) {
        return pod(namespace, name, app, image, node, "Running", new ContainerStatusBuilder().withName(app).withImage(image)
                .withReady(true).withRestartCount(0).withNewState().withNewRunning().withStartedAt("2026-11-27T05:01:00Z")
                .endRunning().endState().build());
    }

    /** A pod whose container waits with {@code reason} (CrashLoopBackOff, ErrImageNeverPull...). */
    public static Pod waitingPod(String namespace, String name, String app, String image, String node, String reason,
            int restarts) {
        return pod(namespace, name, app, image, node, "Running", new ContainerStatusBuilder().withName(app).withImage(image)
                .withReady(false).withRestartCount(restarts).withNewState().withNewWaiting().withReason(reason)
                .withMessage("back-off restarting failed container").endWaiting().endState().build());
    }

    /** A pod the scheduler cannot place: Pending with PodScheduled=False. */
    public static Pod unschedulablePod(String namespace, String name, String app, String image, String message) {
        return new PodBuilder(pod(namespace, name, app, image, null, "Pending", null)).editStatus().addNewCondition()
                .withType("PodScheduled").withStatus("False").withReason("Unschedulable").withMessage(message).endCondition()
                .endStatus().build();
    }

    private static Pod pod(String namespace, String name, String app, String image, String node, String phase,
            ContainerStatus status) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels("app", app).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName(app).withImage(image).endContainer().endSpec()
                .withNewStatus().withPhase(phase).endStatus();
        if (status != null) {
            pod.editStatus().addToContainerStatuses(status).endStatus();
        }
        return pod.build();
    }

    public static PersistentVolumeClaim claim(String namespace, String name, String phase, String volume) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withVolumeName(volume).endSpec()
                .withNewStatus().withPhase(phase).endStatus().build();
    }
}
