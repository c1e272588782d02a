package dev.slipway.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.kubernetes.observed.ObservedObjects;
import dev.slipway.kubernetes.observed.ObservedWorkload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;

class RolloutStatusTest {
    private static ObservedWorkload observed(HasMetadata workload) {
        return ObservedObjects.read(workload, ObservedWorkload.class);
    }

    private static Deployment deployment(long generation, long observed, int desired, int replicas, int updated, int available) {
        return new DeploymentBuilder().withNewMetadata().withName("svc-tax").withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(desired).endSpec()
                .withNewStatus().withObservedGeneration(observed).withReplicas(replicas).withUpdatedReplicas(updated)
                .withAvailableReplicas(available).endStatus().build();
    }

    @Test
    void aDeploymentIsNotDoneBeforeItsControllerSawTheNewSpec() {
        assertThat(RolloutStatus.of(observed(deployment(2, 1, 3, 3, 3, 3))))
                .isEqualTo(new RolloutStatus.Progress(false, "the Deployment controller has not seen the new spec yet"));
    }

    @Test
    void aDeploymentWaitsForUpdatedThenOldThenAvailableReplicas() {
        assertThat(RolloutStatus.of(observed(deployment(2, 2, 3, 4, 1, 3))).status()).isEqualTo("1 of 3 new replicas updated");
        assertThat(RolloutStatus.of(observed(deployment(2, 2, 3, 4, 3, 3))).status()).isEqualTo("1 old replicas pending termination");
        assertThat(RolloutStatus.of(observed(deployment(2, 2, 3, 3, 3, 2))).status()).isEqualTo("2 of 3 updated replicas available");
        assertThat(RolloutStatus.of(observed(deployment(2, 2, 3, 3, 3, 3))).done()).isTrue();
    }

    @Test
    void theProgressDeadlineCountsOnlyOnceTheControllerSawTheSpec() {
        Deployment expired = new DeploymentBuilder(deployment(2, 2, 1, 2, 1, 1)).editStatus().addNewCondition()
                .withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"svc-tax-5d8f\" has timed out progressing.").endCondition().endStatus().build();
        assertThat(RolloutStatus.progressDeadlineExceeded(observed(expired))).contains("ReplicaSet \"svc-tax-5d8f\" has timed out progressing.");
        Deployment stale = new DeploymentBuilder(expired).editMetadata().withGeneration(3L).endMetadata().build();
        assertThat(RolloutStatus.progressDeadlineExceeded(observed(stale))).isEmpty();
    }

    private static StatefulSet statefulSet(String strategy, int ready, int updated, String current, String update) {
        return new StatefulSetBuilder().withNewMetadata().withName("prometheus").withGeneration(2L).endMetadata()
                .withNewSpec().withReplicas(2).withNewUpdateStrategy().withType(strategy).endUpdateStrategy().endSpec()
                .withNewStatus().withObservedGeneration(2L).withReplicas(2).withReadyReplicas(ready).withUpdatedReplicas(updated)
                .withCurrentRevision(current).withUpdateRevision(update).endStatus().build();
    }

    @Test
    void aStatefulSetIsDoneWhenReadyAtTheUpdateRevision() {
        assertThat(RolloutStatus.of(observed(statefulSet("RollingUpdate", 1, 2, "p-1", "p-2"))).status()).isEqualTo("1 of 2 pods ready");
        assertThat(RolloutStatus.of(observed(statefulSet("OnDelete", 2, 1, "p-1", "p-2"))).done()).isFalse();
        assertThat(RolloutStatus.of(observed(statefulSet("OnDelete", 2, 2, "p-2", "p-2"))).done()).isTrue();
        assertThat(RolloutStatus.of(observed(statefulSet("RollingUpdate", 2, 2, "p-1", "p-2"))).done()).isFalse();
    }

    @Test
    void aPartitionedStatefulSetIsDoneOncePodsAboveThePartitionAreUpdatedAsKubectlSays() {
        // The API server defaults RollingUpdate to partition 0: then every pod must be updated.
        StatefulSet defaulted = statefulSet("RollingUpdate", 2, 2, "p-1", "p-2");
        defaulted.getSpec().getUpdateStrategy().setRollingUpdate(new RollingUpdateStatefulSetStrategy(null, 0));
        assertThat(RolloutStatus.of(observed(defaulted)).done()).isTrue();
        StatefulSet halfway = statefulSet("RollingUpdate", 2, 1, "p-1", "p-2");
        halfway.getSpec().getUpdateStrategy().setRollingUpdate(new RollingUpdateStatefulSetStrategy(null, 0));
        assertThat(RolloutStatus.of(observed(halfway)).status()).isEqualTo("1 of 2 pods above partition 0 updated");
    }
}
