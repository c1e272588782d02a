package dev.slipway.rollout.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.names.ReleaseId;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadPatchesTest {
    private static Map<String, String> annotations() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(WorkloadPatches.RELEASE_ANNOTATION, "gx-2.1.0-0a1b2c3d");
        annotations.put(WorkloadPatches.CHANGE_CAUSE_ANNOTATION,
                WorkloadPatches.changeCause(ReleaseId.of("gx-2.1.0-0a1b2c3d"), "gx-protocol/svc-tax:2.1.0"));
        return annotations;
    }

    @Test
    void setsTheNamedContainersImageAndPullPolicyGuardedByItsName() {
        Deployment annotated = new DeploymentBuilder().withNewMetadata().addToAnnotations("team", "tax").endMetadata().build();
        assertThat(WorkloadPatches.setImage(Observed.workload(annotated), 1, "svc-tax", "gx-protocol/svc-tax:2.1.0", "Never", annotations()))
                .isEqualTo("[{\"op\":\"test\",\"path\":\"/spec/template/spec/containers/1/name\",\"value\":\"svc-tax\"},"
                        + "{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/1/image\",\"value\":\"gx-protocol/svc-tax:2.1.0\"},"
                        + "{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/1/imagePullPolicy\",\"value\":\"Never\"},"
                        + "{\"op\":\"add\",\"path\":\"/metadata/annotations/dev.slipway~1release-id\",\"value\":\"gx-2.1.0-0a1b2c3d\"},"
                        + "{\"op\":\"add\",\"path\":\"/metadata/annotations/kubernetes.io~1change-cause\","
                        + "\"value\":\"slipway release gx-2.1.0-0a1b2c3d: gx-protocol/svc-tax:2.1.0\"}]");
    }

    /**
     * A workload with no annotations (a StatefulSet created without kubectl, say) reads back from the API server
     * with an empty map; adding to a member the object does not have was refused by the real API server (422).
     */
    @Test
    void addsTheAnnotationsObjectWhenTheWorkloadHasNone() throws Exception {
        Deployment bare = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"svc-tax\"}}", Deployment.class);
        assertThat(bare.getMetadata().getAnnotations()).isEmpty();
        Deployment nullAnnotations = new DeploymentBuilder().withNewMetadata().withName("svc-tax").endMetadata().build();
        nullAnnotations.getMetadata().setAnnotations(null);
        for (Deployment workload : java.util.List.of(bare, nullAnnotations)) {
            assertThat(WorkloadPatches.setImage(Observed.workload(workload), 0, "svc-tax", "i:1", "Never", annotations()))
                .endsWith("{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"dev.slipway/release-id\":"
                        + "\"gx-2.1.0-0a1b2c3d\",\"kubernetes.io/change-cause\":\"slipway release gx-2.1.0-0a1b2c3d: "
                        + "gx-protocol/svc-tax:2.1.0\"}}]");
        }
    }
}
