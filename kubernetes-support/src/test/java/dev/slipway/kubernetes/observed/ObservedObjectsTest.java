package dev.slipway.kubernetes.observed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.kubernetes.KubernetesClients;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservedObjectsTest {
    /** A pod as the API server sends it, with fields Slipway never reads (managedFields, a probe, tolerations). */
    private static final String POD = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "api-7d9f-x2", "namespace": "store", "uid": "u1", "resourceVersion": "97",
              "labels": {"app": "api", "pod-template-hash": "7d9f"},
              "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "api-7d9f", "uid": "rs1",
                                   "controller": true}],
              "managedFields": [{"manager": "kube-controller-manager", "operation": "Update",
                                 "fieldsV1": {"f:metadata": {"f:labels": {}}}}]},
             "spec": {"nodeName": "vps-2",
              "containers": [{"name": "api", "image": "store/api:2.0.0",
                              "readinessProbe": {"httpGet": {"path": "/health", "port": 8080}, "periodSeconds": 5},
                              "resources": {"limits": {"memory": "256Mi"}}}],
              "volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": "api-data"}},
                          {"name": "tmp", "emptyDir": {}}],
              "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute"}]},
             "status": {"phase": "Running",
              "conditions": [{"type": "Ready", "status": "False", "reason": "ContainersNotReady"}],
              "containerStatuses": [{"name": "api", "image": "store/api:2.0.0", "imageID": "sha256:aa", "ready": false,
                "restartCount": 3, "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 40s"}},
                "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "startedAt": "2026-12-03T04:00:00Z"}}}]}}
            """;

    @Test
    void aPodIsReadWithOnlyTheFieldsSlipwayUses() {
        ObservedPod pod = ObservedObjects.read(KubernetesClients.serialization().unmarshal(POD, GenericKubernetesResource.class),
                ObservedPod.class);

        assertThat(pod.name()).isEqualTo("api-7d9f-x2");
        assertThat(pod.metadata().getOwnerReferences()).singleElement().satisfies(owner -> assertThat(owner.getUid()).isEqualTo("rs1"));
        assertThat(pod.nodeName()).isEqualTo("vps-2");
        assertThat(pod.containers()).containsExactly(new ObservedPod.Container("api", "store/api:2.0.0"));
        assertThat(pod.claimNames()).containsExactly("api-data");
        assertThat(pod.runningAndReady()).isFalse();
        assertThat(pod.condition("Ready")).get().extracting(Condition::reason).isEqualTo("ContainersNotReady");
        ObservedPod.ContainerStatus status = pod.containerStatuses().get(0);
        assertThat(status.restarts()).isEqualTo(3);
        assertThat(status.imageID()).isEqualTo("sha256:aa");
        assertThat(status.state().waiting()).isEqualTo(new ObservedPod.Waiting("CrashLoopBackOff", "back-off 40s"));
        assertThat(status.lastState().terminated()).isEqualTo(new ObservedPod.Terminated(1, "Error", null));
        assertThat(pod.initContainerStatuses()).isEmpty();
        assertThat(pod.terminating()).isFalse();
    }

    @Test
    void aWorkloadKeepsItsPodTemplateWholeAndNamesItsContainersAndClaims() {
        ObservedWorkload statefulSet = ObservedObjects.read(KubernetesClients.serialization().unmarshal("""
                {"apiVersion": "apps/v1", "kind": "StatefulSet",
                 "metadata": {"name": "prometheus", "namespace": "monitoring", "generation": 4},
                 "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "prometheus"}},
                  "ordinals": {"start": 1},
                  "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}},
                  "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {"accessModes": ["ReadWriteOnce"]}}],
                  "template": {"metadata": {"labels": {"app": "prometheus"}},
                   "spec": {"containers": [{"name": "prometheus", "image": "prom/prometheus:2.51.0",
                                            "imagePullPolicy": "Never", "args": ["--storage.tsdb.path=/data"]}],
                            "volumes": [{"name": "rules", "persistentVolumeClaim": {"claimName": "rules"}}],
                            "securityContext": {"fsGroup": 65534}}}},
                 "status": {"observedGeneration": 4, "replicas": 2, "readyReplicas": 1, "updatedReplicas": 1,
                  "currentRevision": "prometheus-5d8f", "updateRevision": "prometheus-6c9a"}}
                """, GenericKubernetesResource.class), ObservedWorkload.class);

        assertThat(statefulSet.isStatefulSet()).isTrue();
        assertThat(statefulSet.isDeployment()).isFalse();
        assertThat(statefulSet.generation()).isEqualTo(4);
        assertThat(statefulSet.spec().selector().getMatchLabels()).containsEntry("app", "prometheus");
        assertThat(statefulSet.spec().ordinals().start()).isEqualTo(1);
        assertThat(statefulSet.spec().updateStrategy().rollingUpdate().partition()).isZero();
        assertThat(statefulSet.spec().volumeClaimTemplates()).singleElement()
                .satisfies(claim -> assertThat(claim.metadata().getName()).isEqualTo("data"));
        assertThat(statefulSet.containers()).containsExactly(
                new ObservedWorkload.TemplateContainer("prometheus", "prom/prometheus:2.51.0", "Never"));
        assertThat(ObservedWorkload.claimsOf(statefulSet.spec().template())).containsExactly("rules");
        assertThat(statefulSet.spec().template().path("spec").path("securityContext").path("fsGroup").asInt())
                .as("the template is kept whole, for a rollback to write back").isEqualTo(65534);
        assertThat(statefulSet.status().updateRevision()).isEqualTo("prometheus-6c9a");
    }

    @Test
    void eventsNodesAndClaimsSayWhatTheChecksAndDiagnosesNeed() {
        ObservedEvent event = ObservedObjects.read(KubernetesClients.serialization().unmarshal("""
                {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "api.1", "creationTimestamp": "2026-12-03T04:00:00Z"},
                 "reason": "FailedScheduling", "message": "0/4 nodes are available",
                 "involvedObject": {"kind": "Pod", "name": "api-7d9f-x2", "uid": "u1"},
                 "eventTime": "2026-12-03T04:00:01.000000Z", "source": {"component": "default-scheduler"}}
                """, GenericKubernetesResource.class), ObservedEvent.class);
        assertThat(event.involvedObject()).isEqualTo(new ObservedEvent.InvolvedObject("Pod", "api-7d9f-x2", "u1"));
        assertThat(event.time()).as("no lastTimestamp: the eventTime").isEqualTo("2026-12-03T04:00:01.000000Z");

        ObservedNode node = ObservedObjects.read(KubernetesClients.serialization().unmarshal("""
                {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "vps-3"},
                 "status": {"conditions": [{"type": "MemoryPressure", "status": "False"},
                  {"type": "Ready", "status": "Unknown", "reason": "NodeStatusUnknown",
                   "message": "Kubelet stopped posting node status.", "lastTransitionTime": "2026-12-02T00:41:02Z"}],
                  "images": [{"names": ["store/api:2.0.0"], "sizeBytes": 1}]}}
                """, GenericKubernetesResource.class), ObservedNode.class);
        assertThat(node.condition("Ready")).contains(new Condition("Ready", "Unknown", "NodeStatusUnknown",
                "Kubelet stopped posting node status.", "2026-12-02T00:41:02Z"));

        List<ObservedClaim> claims = ObservedObjects.readAll(List.of(
                KubernetesClients.serialization().unmarshal("""
                        {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data-prometheus-1"},
                         "spec": {"volumeName": "pv-7"}, "status": {"phase": "Bound"}}
                        """, GenericKubernetesResource.class),
                KubernetesClients.serialization().unmarshal("""
                        {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "rules"}}
                        """, GenericKubernetesResource.class)), ObservedClaim.class);
        assertThat(claims).extracting(ObservedClaim::name, ObservedClaim::phase, ObservedClaim::volumeName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("data-prometheus-1", "Bound", "pv-7"),
                        org.assertj.core.groups.Tuple.tuple("rules", "Pending", null));
    }
}
