package dev.slipway.rollout.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.names.ReleaseId;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailedReleaseTest {
    private final FailedRelease failed = new FailedRelease(ReleaseId.of("store-2.0.0-0a1b2c3d"), "localhost/store/api:2.0.0",
            "vps-2", "service api: CrashLoopBackOff; rolled back: Deployment store/api is back at revision 3");

    @Test
    void theRecordWrittenOnAWorkloadIsReadBackForItsContainer() {
        Deployment workload = annotated(Map.of(FailedRelease.annotationKey("api"), failed.annotationValue()));

        assertThat(FailedRelease.on(Observed.workload(workload), "api")).contains(failed);
        assertThat(FailedRelease.on(Observed.workload(workload), "sidecar")).isEmpty();
        assertThat(failed.is(ReleaseId.of("store-2.0.0-0a1b2c3d"), "localhost/store/api:2.0.0")).isTrue();
        assertThat(failed.is(ReleaseId.of("store-2.0.1-0a1b2c3d"), "localhost/store/api:2.0.0")).as("another release").isFalse();
        assertThat(failed.is(ReleaseId.of("store-2.0.0-0a1b2c3d"), "localhost/store/api:2.0.1")).as("another image").isFalse();
    }

    @Test
    void aWorkloadWithoutTheAnnotationOrWithAnUnreadableOneHasNoRecord() {
        assertThat(FailedRelease.on(Observed.workload(annotated(null)), "api")).isEmpty();
        assertThat(FailedRelease.on(Observed.workload(annotated(Map.of(FailedRelease.annotationKey("api"), "{not json"))), "api")).isEmpty();
    }

    @Test
    void aLongDiagnosisIsCutSoTheAnnotationStaysSmall() {
        FailedRelease huge = new FailedRelease(ReleaseId.of("store-2.0.0-0a1b2c3d"), "i", null, "x".repeat(100_000));

        assertThat(huge.diagnosis()).hasSize(FailedRelease.MAX_DIAGNOSIS + 1).endsWith("…");
        assertThat(FailedRelease.on(Observed.workload(annotated(Map.of(FailedRelease.annotationKey("api"), huge.annotationValue()))), "api"))
                .get().extracting(FailedRelease::node).isNull();
    }

    private static Deployment annotated(Map<String, String> annotations) {
        return new DeploymentBuilder().withNewMetadata().withName("api").withNamespace("store").withAnnotations(annotations)
                .endMetadata().build();
    }
}
