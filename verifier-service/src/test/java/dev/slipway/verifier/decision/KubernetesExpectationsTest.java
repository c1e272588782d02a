package dev.slipway.verifier.decision;

import dev.slipway.verifier.Observed;
import static dev.slipway.verifier.ClusterObjects.claim;
import static dev.slipway.verifier.ClusterObjects.deployment;
import static dev.slipway.verifier.ClusterObjects.node;
import static dev.slipway.verifier.ClusterObjects.readyDeployment;
import static dev.slipway.verifier.ClusterObjects.readyNode;
import static dev.slipway.verifier.ClusterObjects.runningPod;
import static dev.slipway.verifier.ClusterObjects.statefulSet;
import static dev.slipway.verifier.ClusterObjects.unschedulablePod;
import static dev.slipway.verifier.ClusterObjects.waitingPod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.CheckResult;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.KubeName;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.events.plan.NodesReadyCheck;
import dev.slipway.events.plan.PodsRunningCheck;
import dev.slipway.events.plan.PullPolicy;
import dev.slipway.events.plan.WorkloadKind;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KubernetesExpectationsTest {
    private static final String NS = "backend-mainnet";
    private static final String NEW = "gx-protocol/svc-tax:2.1.0";
    private static final String OLD = "gx-protocol/svc-tax:2.0.9";
    private static final String RELEASE_ID = "sha256:" + "ab".repeat(32);
    private static final BuiltImage RELEASE = new BuiltImage(ImageRef.parse(NEW), ImageId.of(RELEASE_ID), 1_000, 2);
    private static final KubernetesRuntime TAX = runtime(WorkloadKind.DEPLOYMENT, "svc-tax");

    @Test
    void nodesReadyPassesWhenEveryNodeOfTheClusterIsReady() {
        CheckResult row = NodesExpectation.result("nodes", new NodesReadyCheck(List.of()),
                Observed.nodes(List.of(readyNode("vps-2"), readyNode("vps-1"))));

        assertThat(row.passed()).isTrue();
        assertThat(row.expected()).isEqualTo("every node of the cluster Ready");
        assertThat(row.observed()).isEqualTo("2 of 2 nodes Ready: vps-1, vps-2");
    }

    @Test
    void nodesReadyNamesANotReadyNodeWithItsConditionAndANamedNodeMissingFromTheCluster() {
        NodesReadyCheck named = new NodesReadyCheck(List.of(NodeName.of("vps-1"), NodeName.of("vps-4"), NodeName.of("vps-5")));
        CheckResult row = NodesExpectation.result("nodes", named, Observed.nodes(List.of(readyNode("vps-1"),
                node("vps-4", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."), readyNode("vps-9"))));

        assertThat(row.passed()).isFalse();
        assertThat(row.expected()).isEqualTo("nodes vps-1, vps-4, vps-5 Ready");
        assertThat(row.observed()).isEqualTo("1 of 3 nodes Ready; not ready: "
                + "vps-4 (Ready=Unknown, NodeStatusUnknown: Kubelet stopped posting node status.), vps-5 (not in the cluster)");
    }

    @Test
    void nodesReadyFailsOnAnEmptyCluster() {
        assertThat(NodesExpectation.result("nodes", new NodesReadyCheck(List.of()), Observed.nodes(List.of())).observed())
                .isEqualTo("no nodes in the cluster");
    }

    @Test
    void workloadPassesWhenRolledOutAndEveryPodRunsTheReleaseImage() {
        Deployment tax = readyDeployment(NS, "svc-tax", NEW, 3);
        List<Pod> pods = pods(3, NEW);

        CheckResult row = WorkloadExpectation.result("tax", TAX, RELEASE, Optional.of(WorkloadState.of(Observed.workload(tax))), Observed.pods(pods));

        assertThat(row.passed()).isTrue();
        assertThat(row.expected()).isEqualTo(
                "Deployment backend-mainnet/svc-tax rolled out with every replica ready, container svc-tax at " + NEW);
        assertThat(row.observed()).isEqualTo("3/3 ready at " + NEW);
    }

    @Test
    void workloadComparesTheImageIdTheKubeletReportsNotOnlyTheTag() {
        Deployment tax = readyDeployment(NS, "svc-tax", NEW, 2);
        String oldContent = "sha256:" + "0c".repeat(32);
        List<Pod> pods = List.of(withImageId(pods(1, NEW).get(0), RELEASE_ID),
                withImageId(runningPod(NS, "svc-tax-7d9-1", "svc-tax", NEW, "vps-2"), oldContent));

        CheckResult row = WorkloadExpectation.result("tax", TAX, RELEASE, Optional.of(WorkloadState.of(Observed.workload(tax))), Observed.pods(pods));

        assertThat(row.passed()).isFalse();
        assertThat(row.observed()).isEqualTo("2/2 ready; 1 pod runs " + oldContent + " under that name, not the release's "
                + "image (" + RELEASE_ID + ")");
        assertThat(WorkloadExpectation.result("tax", TAX, RELEASE, Optional.of(WorkloadState.of(Observed.workload(tax))),
                Observed.pods(List.of(withImageId(pods(1, NEW).get(0), "docker://" + RELEASE_ID)))).passed())
                .as("the Docker runtime's form of the same id").isTrue();
    }

    @Test
    void aRegistryImageIsExpectedAtItsDigestInTheSpecAndInWhatTheKubeletPulled() {
        String digest = "sha256:" + "7d".repeat(32);
        BuiltImage pushed = new BuiltImage(ImageRef.parse("10.0.0.9:5000/" + NEW), ImageId.of(RELEASE_ID), 1_000, 2, digest);
        String pinned = "10.0.0.9:5000/" + NEW + "@" + digest;
        Deployment tax = readyDeployment(NS, "svc-tax", pinned, 1);
        Pod pulled = withImageId(runningPod(NS, "svc-tax-7d9-0", "svc-tax", pinned, "vps-1"),
                "10.0.0.9:5000/gx-protocol/svc-tax@" + digest);

        CheckResult row = WorkloadExpectation.result("tax", TAX, pushed, Optional.of(WorkloadState.of(Observed.workload(tax))), Observed.pods(List.of(pulled)));

        assertThat(row.passed()).as(row.observed()).isTrue();
        assertThat(row.expected()).endsWith("container svc-tax at " + pinned);
        Deployment byTag = readyDeployment(NS, "svc-tax", "10.0.0.9:5000/" + NEW, 1);
        assertThat(WorkloadExpectation.result("tax", TAX, pushed, Optional.of(WorkloadState.of(Observed.workload(byTag))), Observed.pods(List.of(pulled)))
                .observed()).contains("pod template at 10.0.0.9:5000/" + NEW);
    }

    @Test
    void workloadAcceptsTheImplicitDockerIoRegistry() {
        Deployment tax = readyDeployment(NS, "svc-tax", "docker.io/" + NEW, 1);

        assertThat(WorkloadExpectation.result("tax", TAX, RELEASE, Optional.of(WorkloadState.of(Observed.workload(tax))),
                Observed.pods(pods(1, "docker.io/" + NEW))).passed()).isTrue();
    }

    @Test
    void workloadHalfwayShowsReadyCountThePodsAtAnotherImageAndWhatTheRolloutWaitsFor() {
        Deployment tax = deployment(NS, "svc-tax", NEW, 3, 3, 2, 4);
        List<Pod> pods = new ArrayList<>(pods(2, NEW));
        pods.add(runningPod(NS, "svc-tax-old-0", "svc-tax", OLD, "vps-3"));
        pods.add(waitingPod(NS, "svc-tax-new-2", "svc-tax", NEW, "vps-4", "CrashLoopBackOff", 4));

        CheckResult row = WorkloadExpectation.result("tax", TAX, RELEASE, Optional.of(WorkloadState.of(Observed.workload(tax))), Observed.pods(pods));

        assertThat(row.passed()).isFalse();
        assertThat(row.observed()).isEqualTo("2/3 ready; 1 pod at " + OLD + "; rollout: 1 old replicas pending termination; "
                + "not ready: svc-tax-new-2 (CrashLoopBackOff, 4 restarts)");
    }

    @Test
    void workloadFailsWhenTheTemplateIsAtAnotherImageEvenIfEverythingIsReady() {
        Deployment tax = readyDeployment(NS, "svc-tax", OLD, 2);

        CheckResult row = WorkloadExpectation.result("tax", TAX, RELEASE, Optional.of(WorkloadState.of(Observed.workload(tax))), Observed.pods(pods(2, OLD)));

        assertThat(row.passed()).isFalse();
        assertThat(row.observed()).isEqualTo("2/2 ready; pod template at " + OLD + "; 2 pods at " + OLD);
    }

    @Test
    void workloadWaitsForTheControllerToObserveTheNewGeneration() {
        Deployment tax = new DeploymentBuilder(readyDeployment(NS, "svc-tax", NEW, 2)).editMetadata().withGeneration(2L)
                .endMetadata().build();

        CheckResult row = WorkloadExpectation.result("tax", TAX, RELEASE, Optional.of(WorkloadState.of(Observed.workload(tax))), Observed.pods(pods(2, NEW)));

        assertThat(row.passed()).isFalse();
        assertThat(row.observed()).isEqualTo("2/2 ready; rollout: the Deployment controller has not seen the new spec yet");
    }

    @Test
    void workloadReportsAProgressDeadlineAndAMissingWorkloadOrContainer() {
        Deployment stuck = new DeploymentBuilder(deployment(NS, "svc-tax", NEW, 1, 1, 0, 1)).editStatus().addNewCondition()
                .withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"svc-tax-7d9\" has timed out progressing.").endCondition().endStatus().build();
        assertThat(WorkloadExpectation.result("tax", TAX, RELEASE, Optional.of(WorkloadState.of(Observed.workload(stuck))), Observed.pods(List.of())).observed())
                .isEqualTo("0/1 ready; rollout: ProgressDeadlineExceeded: ReplicaSet \"svc-tax-7d9\" has timed out progressing.");

        assertThat(WorkloadExpectation.result("tax", TAX, RELEASE, Optional.empty(), Observed.pods(List.of())).observed())
                .isEqualTo("Deployment backend-mainnet/svc-tax not found");

        KubernetesRuntime wrongContainer = new KubernetesRuntime(KubeName.of(NS), WorkloadKind.DEPLOYMENT, KubeName.of("svc-tax"),
                KubeName.of("tax"), PullPolicy.NEVER);
        assertThat(WorkloadExpectation.result("tax", wrongContainer, RELEASE,
                Optional.of(WorkloadState.of(Observed.workload(readyDeployment(NS, "svc-tax", NEW, 1)))), Observed.pods(List.of())).observed())
                .startsWith("1/1 ready; pod template has no container tax (it has [svc-tax])");
    }

    @Test
    void statefulSetIsRolledOutWhenReadyAndAtTheUpdateRevision() {
        KubernetesRuntime prometheus = runtime(WorkloadKind.STATEFUL_SET, "prometheus");
        BuiltImage image = new BuiltImage(ImageRef.parse("gx-protocol/prometheus:2.1.0"), ImageId.of(RELEASE_ID), 1_000, 2);
        StatefulSet done = statefulSet(NS, "prometheus", image.reference(), 1, 1, "prometheus-data");
        StatefulSet rolling = new StatefulSetBuilder(done).editStatus().withUpdateRevision("prometheus-7c1a").endStatus().build();
        List<Pod> pod = List.of(runningPod(NS, "prometheus-0", "prometheus", image.reference(), "vps-1"));

        assertThat(WorkloadExpectation.result("p", prometheus, image, Optional.of(WorkloadState.of(Observed.workload(done))), Observed.pods(pod)).passed()).isTrue();
        assertThat(WorkloadExpectation.result("p", prometheus, image, Optional.of(WorkloadState.of(Observed.workload(rolling))), Observed.pods(pod)).observed())
                .isEqualTo("1/1 ready; rollout: rolling update not complete: 1 pods at revision prometheus-7c1a, "
                        + "current revision prometheus-5d8f");
    }

    @Test
    void podsRunningCountsRunningReadyPodsAndNamesTheOthersWithTheirReason() {
        PodsRunningCheck peers = new PodsRunningCheck(KubeName.of("fabric"), "app=peer", 21);
        List<Pod> pods = new ArrayList<>();
        IntStream.range(0, 19).forEach(i -> pods.add(runningPod("fabric", "peer-" + (i + 4), "peer", "hyperledger/fabric-peer:2.5", "vps-1")));
        pods.add(waitingPod("fabric", "peer-3", "peer", "hyperledger/fabric-peer:2.5", "vps-2", "CrashLoopBackOff", 7));
        pods.add(unschedulablePod("fabric", "peer-1", "peer", "hyperledger/fabric-peer:2.5",
                "0/4 nodes are available: 4 Insufficient memory."));

        CheckResult row = PodsExpectation.result("peers", peers, Observed.pods(pods));

        assertThat(row.passed()).isFalse();
        assertThat(row.expected()).isEqualTo("at least 21 pods running and ready in namespace fabric with selector app=peer");
        assertThat(row.observed()).isEqualTo("19 of 21 running; not running: peer-1 (Pending, Unschedulable: 0/4 nodes are "
                + "available: 4 Insufficient memory.), peer-3 (CrashLoopBackOff, 7 restarts)");
        assertThat(PodsExpectation.result("peers", new PodsRunningCheck(KubeName.of("fabric"), "app=peer", 19), Observed.pods(pods)).passed())
                .isTrue();
    }

    @Test
    void podsRunningDoesNotCountATerminatingPodOrNoPodsAtAll() {
        Pod leaving = new PodBuilder(runningPod("fabric", "peer-0", "peer", "p:1", "vps-1")).editMetadata()
                .withDeletionTimestamp("2026-11-27T05:02:00Z").endMetadata().build();
        PodsRunningCheck one = new PodsRunningCheck(KubeName.of("fabric"), "app=peer", 1);

        assertThat(PodsExpectation.result("peers", one, Observed.pods(List.of(leaving))).observed())
                .isEqualTo("0 of 0 running (1 terminating, not counted)");
        // as the real kubelet shows it after a rollout: the old revision's pods stop for several seconds
        Pod fresh = runningPod("fabric", "peer-1", "peer", "p:2", "vps-2");
        CheckResult afterRollout = PodsExpectation.result("peers", one, Observed.pods(List.of(leaving, fresh)));
        assertThat(afterRollout.observed()).isEqualTo("1 of 1 running (1 terminating, not counted)");
        assertThat(afterRollout.passed()).isTrue();
        assertThat(PodsExpectation.result("peers", one, Observed.pods(List.of())).observed())
                .isEqualTo("no pods in namespace fabric match app=peer");
    }

    @Test
    void aStatefulSetsClaimsAreItsTemplatesPerReplicaAndTheVolumesItNames() {
        StatefulSet db = new StatefulSetBuilder(statefulSet(NS, "db", "postgres:16", 2, 2, "data", "wal")).editSpec()
                .editTemplate().editSpec().addNewVolume().withName("shared").withNewPersistentVolumeClaim()
                .withClaimName("db-shared").endPersistentVolumeClaim().endVolume().endSpec().endTemplate().endSpec().build();

        assertThat(WorkloadState.of(Observed.workload(db)).claims()).containsExactly("data-db-0", "data-db-1", "wal-db-0", "wal-db-1", "db-shared");
    }

    @Test
    void pvcsBoundNamesAMissingClaimAndAPendingOne() {
        KubernetesRuntime prometheus = runtime(WorkloadKind.STATEFUL_SET, "prometheus");
        Optional<WorkloadState> sts = Optional.of(WorkloadState.of(Observed.workload(statefulSet(NS, "prometheus", "p:1", 2, 1, "prometheus-data"))));

        CheckResult bound = ClaimsExpectation.result("pvc", prometheus, sts, Observed.claims(List.of(
                claim(NS, "prometheus-data-prometheus-0", "Bound", "pvc-0a1b"), claim(NS, "prometheus-data-prometheus-1", "Bound", "pvc-2c3d"))));
        CheckResult missing = ClaimsExpectation.result("pvc", prometheus, sts, Observed.claims(List.of(
                claim(NS, "prometheus-data-prometheus-1", "Pending", null))));

        assertThat(bound.passed()).isTrue();
        assertThat(bound.expected()).isEqualTo("every PersistentVolumeClaim of StatefulSet backend-mainnet/prometheus Bound");
        assertThat(bound.observed()).isEqualTo("prometheus-data-prometheus-0 Bound to pvc-0a1b; prometheus-data-prometheus-1 Bound to pvc-2c3d");
        assertThat(missing.passed()).isFalse();
        assertThat(missing.observed()).isEqualTo(
                "persistentvolumeclaim prometheus-data-prometheus-0 not found; prometheus-data-prometheus-1 Pending");
    }

    @Test
    void pvcsBoundFailsForAWorkloadWithoutClaims() {
        CheckResult row = ClaimsExpectation.result("pvc", TAX, Optional.of(WorkloadState.of(Observed.workload(readyDeployment(NS, "svc-tax", NEW, 1)))),
                Observed.claims(List.of()));

        assertThat(row.passed()).isFalse();
        assertThat(row.observed()).isEqualTo("Deployment backend-mainnet/svc-tax uses no PersistentVolumeClaims "
                + "(no volumeClaimTemplates, no persistentVolumeClaim volumes)");
    }

    private static KubernetesRuntime runtime(WorkloadKind kind, String name) {
        return new KubernetesRuntime(KubeName.of(NS), kind, KubeName.of(name), KubeName.of(name), PullPolicy.NEVER);
    }

    private static Pod withImageId(Pod pod, String imageId) {
        return new PodBuilder(pod).editStatus().editFirstContainerStatus().withImageID(imageId).endContainerStatus().endStatus()
                .build();
    }

    private static List<Pod> pods(int count, String image) {
        return IntStream.range(0, count).mapToObj(i -> runningPod(NS, "svc-tax-7d9-" + i, "svc-tax", image, "vps-" + (i + 1)))
                .toList();
    }
}
