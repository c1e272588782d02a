package dev.slipway.rollout.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodFailuresTest {
    private static PodBuilder pod(String node) {
        return new PodBuilder().withNewMetadata().withName("svc-tax-5d8f-x2").withUid("u1").endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("svc-tax").endContainer().endSpec();
    }

    private static Pod waiting(String reason, String message) {
        return pod("vps-4").withNewStatus().addNewContainerStatus().withName("svc-tax").withRestartCount(0)
                .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
                .endContainerStatus().endStatus().build();
    }

    @Test
    void fatalWaitingReasonsFailAtOnce() {
        for (String reason : List.of("ErrImageNeverPull", "ErrImagePull", "ImagePullBackOff", "InvalidImageName",
                "CreateContainerConfigError")) {
            assertThat(PodFailures.of(Observed.pod(waiting(reason, "m")), Observed.events(List.of()))).get()
                    .isEqualTo(new RolloutFailure("svc-tax-5d8f-x2", "vps-4", "svc-tax", reason, "m", false, false, List.of()));
        }
    }

    @Test
    void containerCreatingIsNotAFailure() {
        assertThat(PodFailures.of(Observed.pod(waiting("ContainerCreating", null)), Observed.events(List.of()))).isEmpty();
    }

    @Test
    void aRepeatedNonZeroExitIsACrashLoopEvenWhileRunning() {
        Pod once = pod("vps-2").withNewStatus().addNewContainerStatus().withName("svc-tax").withRestartCount(1)
                .withNewState().withNewRunning().endRunning().endState()
                .withNewLastState().withNewTerminated().withExitCode(1).endTerminated().endLastState()
                .endContainerStatus().endStatus().build();
        assertThat(PodFailures.of(Observed.pod(once), Observed.events(List.of()))).isEmpty();
        Pod twice = new PodBuilder(once).editStatus().editFirstContainerStatus().withRestartCount(2).endContainerStatus()
                .endStatus().build();
        assertThat(PodFailures.of(Observed.pod(twice), Observed.events(List.of()))).get().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("RepeatedExit");
            assertThat(f.message()).isEqualTo("exited with code 1, restarted 2 time(s)");
            assertThat(f.previousLog()).isTrue();
        });
    }

    @Test
    void anUnschedulablePodNamesTheMissingClaimFromItsSchedulingEvent() {
        Pod pending = pod(null).withNewStatus().withPhase("Pending").endStatus().build();
        Event event = new EventBuilder().withReason("FailedScheduling")
                .withNewInvolvedObject().withKind("Pod").withName("svc-tax-5d8f-x2").withUid("u1").endInvolvedObject()
                .withMessage("0/4 nodes are available: persistentvolumeclaim \"prometheus-data\" not found.").build();
        assertThat(PodFailures.of(Observed.pod(pending), Observed.events(List.of()))).isEmpty();
        assertThat(PodFailures.of(Observed.pod(pending), Observed.events(List.of(event)))).get().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("Unschedulable");
            assertThat(f.node()).isNull();
            assertThat(f.claims()).containsExactly("prometheus-data");
        });
    }

    @Test
    void unboundClaimsAreTheClaimsThePodMounts() {
        Pod pending = pod(null).editSpec().addNewVolume().withName("data").withNewPersistentVolumeClaim()
                .withClaimName("prometheus-data").endPersistentVolumeClaim().endVolume().endSpec()
                .withNewStatus().addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims.").endCondition()
                .endStatus().build();
        assertThat(PodFailures.of(Observed.pod(pending), Observed.events(List.of()))).get().extracting(RolloutFailure::claims)
                .isEqualTo(List.of("prometheus-data"));
    }

    @Test
    void aPodWaitingOnANodeThatIsNotReadyFailsNamingTheNode() {
        Pod waiting = pod("vps-3").withNewStatus().withPhase("Pending").endStatus().build();
        io.fabric8.kubernetes.api.model.Node down = new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata()
                .withName("vps-3").endMetadata().withNewStatus().addNewCondition().withType("Ready").withStatus("Unknown")
                .withReason("NodeStatusUnknown").withMessage("Kubelet stopped posting node status.")
                .withLastTransitionTime("2026-12-02T00:41:02Z").endCondition().endStatus().build();
        io.fabric8.kubernetes.api.model.Node up = new io.fabric8.kubernetes.api.model.NodeBuilder(down).editStatus()
                .editFirstCondition().withStatus("True").withReason("KubeletReady").endCondition().endStatus().build();

        assertThat(PodFailures.firstOf(Observed.pods(List.of(waiting)), Observed.events(List.of()), Observed.nodes(List.of(up)))).isEmpty();
        assertThat(PodFailures.firstOf(Observed.pods(List.of(waiting)), Observed.events(List.of()), Observed.nodes(List.of(down)))).get().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("NodeNotReady");
            assertThat(f.node()).isEqualTo("vps-3");
            assertThat(f.message()).startsWith("node vps-3 is not ready (NodeStatusUnknown: Kubelet stopped posting node status., "
                    + "since 2026-12-02T00:41:02Z)");
            assertThat(f.workloadBroken()).isFalse();
        });
    }

    @Test
    void aPodWaitingForAPortOrRoomTheOldRevisionStillHoldsIsNotAFailure() {
        Pod pending = pod(null).withNewStatus().addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable")
                .withMessage("0/4 nodes are available: 4 node(s) didn't have free ports for the requested pod ports.")
                .endCondition().endStatus().build();
        assertThat(PodFailures.of(Observed.pod(pending), Observed.events(List.of()))).isEmpty();
        assertThat(PodFailures.clearsByItself("0/4 nodes are available: 1 Insufficient memory, 3 node(s) didn't have free "
                + "ports for the requested pod ports.")).isTrue();
        assertThat(PodFailures.clearsByItself("0/4 nodes are available: 1 node(s) didn't have free ports for the requested "
                + "pod ports, 3 node(s) didn't match node selector.")).isFalse();
        assertThat(PodFailures.clearsByItself("persistentvolumeclaim \"prometheus-data\" not found")).isFalse();
        assertThat(PodFailures.clearsByItself("0/4 nodes are available: 4 pod has unbound immediate PersistentVolumeClaims."))
                .isFalse();
    }

    @Test
    void aPodNotReadyYetSaysWhyForTheTimeoutDiagnosis() {
        Pod unscheduled = pod(null).withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled")
                .withStatus("False").withReason("Unschedulable")
                .withMessage("0/4 nodes are available: 4 node(s) didn't have free ports for the requested pod ports.")
                .endCondition().endStatus().build();
        Pod creating = waiting("ContainerCreating", null);
        Pod ready = pod("vps-1").withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                .endCondition().endStatus().build();

        assertThat(PodFailures.notReadyBecause(Observed.pod(unscheduled))).contains("svc-tax-5d8f-x2 (not scheduled: 0/4 nodes are available: "
                + "4 node(s) didn't have free ports for the requested pod ports.)");
        assertThat(PodFailures.notReadyBecause(Observed.pod(creating))).contains("svc-tax-5d8f-x2 on vps-4 (ContainerCreating)");
        assertThat(PodFailures.notReadyBecause(Observed.pod(ready))).isEmpty();
    }
}
