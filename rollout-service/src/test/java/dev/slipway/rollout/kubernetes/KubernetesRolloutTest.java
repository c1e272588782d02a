package dev.slipway.rollout.kubernetes;

import dev.slipway.rollout.decision.Observed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.plan.PullPolicy;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.events.plan.WorkloadKind;
import dev.slipway.rollout.decision.WorkloadPatches;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kubernetes target against the simulated cluster: the user's release and its failure cases. */
class KubernetesRolloutTest {
    private static final String PRISMA = "Error: @prisma/client did not initialize yet. Please run \"prisma generate\" and try to import it again.";

    private ClusterFixture fixture;

    @BeforeEach
    void startCluster() {
        fixture = new ClusterFixture();
    }

    @AfterEach
    void stopCluster() {
        fixture.close();
    }

    private static int replicasOf(String service) {
        return switch (service) {
            case "svc-identity", "svc-tokenomics" -> 3;
            case "svc-tax" -> 4;
            case "projector", "outbox-submitter" -> 1;
            default -> 2;
        };
    }

    private List<Pod> podsOf(String service) {
        return fixture.cluster.client().pods().inNamespace(KubeEvents.NAMESPACE).withLabel("app", service).list().getItems();
    }

    private static String imageOf(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static void assertValid(RolloutDone done) {
        assertThat(EventCodec.instance().validate(EventType.ROLLOUT_DONE, EventCodec.instance().encode(done))).isNull();
    }

    @Test
    void rollsOutTheUsersNineServicesAcrossFourNodes() throws Exception {
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(true, 60), KubeEvents.SERVICES);
        for (String service : KubeEvents.SERVICES) {
            fixture.running(service, "2.0.0", replicasOf(service));
            fixture.cluster.imported(KubeEvents.image(service, "2.1.0"));
        }
        ExecutorService parallel = Executors.newFixedThreadPool(KubeEvents.SERVICES.size());
        try {
            List<CompletableFuture<RolloutDone>> rollouts = KubeEvents.SERVICES.stream()
                    .map(s -> CompletableFuture.supplyAsync(() -> fixture.stage.roll(
                            KubeEvents.distributedEverywhere(release, KubeEvents.deployment(s))), parallel))
                    .toList();
            for (int i = 0; i < rollouts.size(); i++) {
                String service = KubeEvents.SERVICES.get(i);
                RolloutDone done = rollouts.get(i).get();
                assertValid(done);
                assertThat(done.outcome()).as(service + ": " + done.diagnosis()).isEqualTo(RolloutOutcome.ROLLED_OUT);
                assertThat(done.diagnosis()).isNull();
                assertThat(done.nodes()).extracting(NodeRollout::outcome).containsOnly(RolloutOutcome.ROLLED_OUT);
                assertThat(done.nodes()).extracting(n -> n.node().value()).containsExactlyElementsOf(KubeEvents.NODES);
                assertThat(done.nodes()).extracting(NodeRollout::target).containsOnly("Deployment backend-mainnet/" + service);

                Deployment deployment = fixture.deployment(service);
                assertThat(imageOf(deployment)).isEqualTo(KubeEvents.image(service, "2.1.0"));
                assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Never");
                assertThat(deployment.getMetadata().getAnnotations())
                        .containsEntry(WorkloadPatches.RELEASE_ANNOTATION, "gx-2.1.0-0a1b2c3d")
                        .containsEntry(WorkloadPatches.CHANGE_CAUSE_ANNOTATION,
                                "slipway release gx-2.1.0-0a1b2c3d: " + KubeEvents.image(service, "2.1.0"));
                assertThat(podsOf(service)).hasSize(replicasOf(service)).allSatisfy(p -> assertThat(
                        p.getSpec().getContainers().get(0).getImage()).isEqualTo(KubeEvents.image(service, "2.1.0")));
            }
        } finally {
            parallel.shutdownNow();
        }
        assertThat(fixture.cluster.errors()).isEmpty();
    }

    @Test
    void aNodeWithoutTheImageFailsWithinSecondsNamingTheNodeAndItsDistribution() {
        fixture.running("svc-tax", "2.0.0", 4);
        fixture.cluster.imported(KubeEvents.image("svc-tax", "2.1.0"), "vps-1", "vps-2", "vps-3");
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(false, 120), List.of("svc-tax"));
        ImageDistributed distributed = KubeEvents.distributed(release, KubeEvents.deployment("svc-tax"),
                List.of("vps-1", "vps-2", "vps-3"), Map.of());

        RolloutDone done = fixture.stage.roll(distributed);

        assertValid(done);
        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.durationMillis()).isLessThan(5_000);
        assertThat(done.diagnosis())
                .startsWith("service svc-tax: Deployment backend-mainnet/svc-tax did not roll out to gx-protocol/svc-tax:2.1.0: pod svc-tax-")
                .contains("on node vps-4, container svc-tax: ErrImageNeverPull: Container image \"gx-protocol/svc-tax:2.1.0\" "
                        + "is not present with pull policy of Never")
                .contains("node vps-4 has no IMPORTED result for gx-protocol/svc-tax:2.1.0 in image-distributed")
                .contains("left as it is for inspection")
                .contains("kubectl -n backend-mainnet rollout undo deployment/svc-tax");
        assertThat(done.nodes()).filteredOn(n -> n.diagnosis() != null).extracting(n -> n.node().value()).containsExactly("vps-4");
        assertThat(imageOf(fixture.deployment("svc-tax"))).isEqualTo(KubeEvents.image("svc-tax", "2.1.0"));
    }

    @Test
    void withRollbackTheOldImageIsRestoredOnEveryPod() {
        Deployment before = fixture.running("svc-tax", "2.0.0", 4);
        fixture.cluster.imported(KubeEvents.image("svc-tax", "2.1.0"), "vps-1", "vps-2", "vps-3");
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(true, 120), List.of("svc-tax"));
        ImageDistributed distributed = KubeEvents.distributed(release, KubeEvents.deployment("svc-tax"),
                List.of("vps-1", "vps-2", "vps-3"), Map.of("vps-4", "ctr images import: no space left on device"));

        RolloutDone done = fixture.stage.roll(distributed);

        assertValid(done);
        assertThat(done.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(done.diagnosis())
                .contains("on node vps-4, container svc-tax: ErrImageNeverPull")
                .contains("import FAILED on vps-4: ctr images import: no space left on device")
                .contains("rolled back: Deployment backend-mainnet/svc-tax is back at revision 1 (gx-protocol/svc-tax:2.0.0) and rolled out");
        Deployment after = fixture.deployment("svc-tax");
        assertThat(imageOf(after)).isEqualTo(KubeEvents.image("svc-tax", "2.0.0"));
        assertThat(after.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("pod-template-hash");
        assertThat(after.getSpec().getTemplate()).isEqualTo(before.getSpec().getTemplate());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(podsOf("svc-tax")).hasSize(4)
                .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage())
                        .isEqualTo(KubeEvents.image("svc-tax", "2.0.0"))));
    }

    @Test
    void aCrashLoopIsReportedWithThePrismaLogLine() {
        fixture.running("svc-tax", "2.0.0", 2);
        fixture.cluster.imported(KubeEvents.image("svc-tax", "2.1.0"))
                .crashes(KubeEvents.image("svc-tax", "2.1.0"), 1, List.of("> svc-tax@2.1.0 start", "> node dist/main.js", PRISMA));
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(false, 120), List.of("svc-tax"));

        RolloutDone done = fixture.stage.roll(KubeEvents.distributedEverywhere(release, KubeEvents.deployment("svc-tax")));

        assertValid(done);
        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.diagnosis())
                .contains("container svc-tax: CrashLoopBackOff: exited with code 1 (Error), restarted 2 time(s)")
                .contains("previous run's last log lines: \"> svc-tax@2.1.0 start\", \"> node dist/main.js\", \""
                        + PRISMA.replace("\"", "\\\"") + "\"")
                .contains("image-distributed reported IMPORTED for gx-protocol/svc-tax:2.1.0 on node vps-1");
    }

    /**
     * The StatefulSet's pod is Pending on a claim that does not exist before the release: on the real cluster the
     * StatefulSet controller (OrderedReady) never replaces that pod, so the release is refused at once, naming the
     * claim, and the workload is left at its template (e2e KubernetesReleaseE2ETest shows it on a real cluster).
     */
    @Test
    void aStatefulSetAlreadyPendingOnAMissingClaimIsRefusedNamingTheClaimAndLeftAsItWas() {
        String prometheus = "prometheus";
        fixture.cluster.imported(KubeEvents.image(prometheus, "2.0.0")).imported(KubeEvents.image(prometheus, "2.1.0"));
        fixture.cluster.createStatefulSet(KubeEvents.NAMESPACE, prometheus, KubeEvents.image(prometheus, "2.0.0"), 1,
                "prometheus-data");
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(false, 120), List.of(prometheus));
        ServicePlan plan = KubeEvents.plan(prometheus, WorkloadKind.STATEFUL_SET, PullPolicy.IF_NOT_PRESENT);
        // already failing means the cluster has said so: the simulated scheduler marks the pod a moment after creating it
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            var pod = fixture.cluster.client().pods().inNamespace(KubeEvents.NAMESPACE).withName(prometheus + "-0").get();
            return pod != null && pod.getStatus() != null && pod.getStatus().getConditions() != null
                    && pod.getStatus().getConditions().stream().anyMatch(c -> "PodScheduled".equals(c.getType())
                            && "False".equals(c.getStatus()));
        });

        RolloutDone done = fixture.stage.roll(KubeEvents.distributedEverywhere(release, plan));

        assertValid(done);
        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.diagnosis())
                .startsWith("service prometheus: StatefulSet backend-mainnet/prometheus was already failing before this release, "
                        + "so gx-protocol/prometheus:2.1.0 was not rolled out to it: "
                        + "pod prometheus-0 (not scheduled on any node): Unschedulable: 0/4 nodes are available: "
                        + "persistentvolumeclaim \"prometheus-data\" not found.")
                .contains("claim(s) prometheus-data: check kubectl -n backend-mainnet get pvc prometheus-data")
                .endsWith("StatefulSet backend-mainnet/prometheus was left as it was");
        StatefulSet statefulSet = fixture.cluster.client().apps().statefulSets().inNamespace(KubeEvents.NAMESPACE)
                .withName(prometheus).get();
        assertThat(statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(KubeEvents.image(prometheus, "2.0.0"));
    }

    @Test
    void aRedeliveredEventForARolledOutServiceWritesNothing() {
        fixture.running("svc-identity", "2.0.0", 3);
        fixture.cluster.imported(KubeEvents.image("svc-identity", "2.1.0"));
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(true, 60), List.of("svc-identity"));
        ImageDistributed distributed = KubeEvents.distributedEverywhere(release, KubeEvents.deployment("svc-identity"));
        assertThat(fixture.stage.roll(distributed).outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        Deployment rolledOut = fixture.awaitRolledOut("svc-identity");
        int requestsBefore = fixture.cluster.requests().size();

        RolloutDone again = fixture.stage.roll(distributed);

        assertThat(again.outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        var requests = fixture.cluster.requests().subList(requestsBefore, fixture.cluster.requests().size());
        assertThat(requests).as("no write but taking and giving back the workload's Lease")
                .filteredOn(r -> !r.path().startsWith("/apis/coordination.k8s.io/"))
                .noneMatch(r -> List.of("PATCH", "PUT", "POST", "DELETE").contains(r.method()));
        assertThat(requests).filteredOn(r -> r.path().contains("/leases"))
                .extracting(r -> r.method() + " " + r.path().replaceAll(".*/leases", "leases"))
                .containsExactly("POST leases", "DELETE leases/slipway-deployment-svc-identity");
        Deployment after = fixture.deployment("svc-identity");
        assertThat(after.getMetadata().getGeneration()).isEqualTo(rolledOut.getMetadata().getGeneration());
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(rolledOut.getMetadata().getResourceVersion());
    }

    @Test
    void anUnboundClaimFailsNamingTheClaimOfThePod() {
        fixture.cluster.imported(KubeEvents.image("prometheus", "2.1.0"));
        fixture.cluster.pendingClaim(KubeEvents.NAMESPACE, "prometheus-data");
        fixture.cluster.createStatefulSet(KubeEvents.NAMESPACE, "prometheus", KubeEvents.image("prometheus", "2.0.0"), 1,
                "prometheus-data");
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(false, 120), List.of("prometheus"));

        RolloutDone done = fixture.stage.roll(KubeEvents.distributedEverywhere(release,
                KubeEvents.plan("prometheus", WorkloadKind.STATEFUL_SET, PullPolicy.IF_NOT_PRESENT)));

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.diagnosis()).contains("pod prometheus-0 (not scheduled on any node): Unschedulable: "
                + "0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims.")
                .contains("claim(s) prometheus-data");
    }

    @Test
    void aCrashingStatefulSetIsPutBackToItsTemplateBeforeTheRelease() {
        String prometheus = "prometheus";
        fixture.cluster.imported(KubeEvents.image(prometheus, "2.0.0")).imported(KubeEvents.image(prometheus, "2.1.0"))
                .crashes(KubeEvents.image(prometheus, "2.1.0"), 2, List.of("level=error msg=\"opening storage failed\""));
        fixture.cluster.boundClaim(KubeEvents.NAMESPACE, "prometheus-data");
        fixture.cluster.createStatefulSet(KubeEvents.NAMESPACE, prometheus, KubeEvents.image(prometheus, "2.0.0"), 1,
                "prometheus-data");
        await().atMost(Duration.ofSeconds(10)).until(() -> dev.slipway.kubernetes.RolloutStatus.of(Observed.workload(statefulSet())).done());
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(true, 60), List.of(prometheus));

        RolloutDone done = fixture.stage.roll(KubeEvents.distributedEverywhere(release,
                KubeEvents.plan(prometheus, WorkloadKind.STATEFUL_SET, PullPolicy.IF_NOT_PRESENT)));

        assertValid(done);
        assertThat(done.outcome()).as(done.diagnosis()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(done.diagnosis()).contains("pod prometheus-0 on node vps-1, container prometheus: CrashLoopBackOff")
                .contains("\"level=error msg=\\\"opening storage failed\\\"\"")
                .contains("rolled back: StatefulSet backend-mainnet/prometheus is back at its template before release "
                        + "gx-2.1.0-0a1b2c3d (gx-protocol/prometheus:2.0.0) and rolled out");
        assertThat(statefulSet().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(KubeEvents.image(prometheus, "2.0.0"));
        assertThat(podsOf(prometheus)).singleElement().satisfies(p -> assertThat(p.getSpec().getContainers().get(0).getImage())
                .isEqualTo(KubeEvents.image(prometheus, "2.0.0")));
    }

    private StatefulSet statefulSet() {
        return fixture.cluster.client().apps().statefulSets().inNamespace(KubeEvents.NAMESPACE).withName("prometheus").get();
    }

    @Test
    void aMissingSecretIsReportedAsCreateContainerConfigError() {
        fixture.running("svc-admin", "2.0.0", 2);
        fixture.cluster.imported(KubeEvents.image("svc-admin", "2.1.0")).failsWith(KubeEvents.image("svc-admin", "2.1.0"),
                "CreateContainerConfigError", "secret \"svc-admin-env\" not found");
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(false, 120), List.of("svc-admin"));

        RolloutDone done = fixture.stage.roll(KubeEvents.distributedEverywhere(release, KubeEvents.deployment("svc-admin")));

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.diagnosis()).contains("container svc-admin: CreateContainerConfigError: secret \"svc-admin-env\" not found");
    }

    @Test
    void aPassedProgressDeadlineFailsTheRollout() throws Exception {
        fixture.running("svc-loanpool", "2.0.0", 2);
        fixture.cluster.imported(KubeEvents.image("svc-loanpool", "2.1.0")).hangs(KubeEvents.image("svc-loanpool", "2.1.0"));
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(false, 120), List.of("svc-loanpool"));

        CompletableFuture<RolloutDone> rollout = CompletableFuture.supplyAsync(() -> fixture.stage.roll(
                KubeEvents.distributedEverywhere(release, KubeEvents.deployment("svc-loanpool"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> podsOf("svc-loanpool").stream().anyMatch(p -> p.getSpec()
                .getContainers().get(0).getImage().equals(KubeEvents.image("svc-loanpool", "2.1.0"))));
        fixture.cluster.expireProgressDeadline(KubeEvents.NAMESPACE, "svc-loanpool");
        RolloutDone done = rollout.get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.diagnosis()).startsWith("service svc-loanpool: Deployment backend-mainnet/svc-loanpool did not roll out to "
                + "gx-protocol/svc-loanpool:2.1.0: ProgressDeadlineExceeded: ReplicaSet \"svc-loanpool-")
                .contains("has timed out progressing.")
                .contains("kubectl -n backend-mainnet describe deployment/svc-loanpool");
    }

    @Test
    void aRolloutThatDoesNotFinishInTimeSaysWhatItWaitedFor() {
        fixture.running("projector", "2.0.0", 1);
        fixture.cluster.imported(KubeEvents.image("projector", "2.1.0")).hangs(KubeEvents.image("projector", "2.1.0"));
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(false, 1), List.of("projector"));

        RolloutDone done = fixture.stage.roll(KubeEvents.distributedEverywhere(release, KubeEvents.deployment("projector")));

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        // the new pod is named with its state when the watch has seen it by the deadline (the simulated kubelet may or
        // may not have started it within the second)
        assertThat(done.diagnosis()).matches("service projector: Deployment backend-mainnet/projector did not finish rolling out "
                + "to gx-protocol/projector:2\\.1\\.0 within 1\\.0 s \\(1 old replicas pending termination\\); no pod of the new "
                + "revision failed(; waiting: pod projector-\\S+ (on vps-\\d \\((ContainerCreating|running, not ready|Pending)\\)"
                + "|\\(not scheduled[^)]*\\)))?; raise rollout\\.timeoutSeconds in slipway\\.yaml if it needs longer");
    }

    @Test
    void aWorkloadThatDoesNotExistFailsSayingSo() {
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(true, 60), List.of("svc-tax"));

        RolloutDone done = fixture.stage.roll(KubeEvents.distributedEverywhere(release, KubeEvents.deployment("svc-tax")));

        assertValid(done);
        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.diagnosis()).isEqualTo("service svc-tax: Deployment backend-mainnet/svc-tax does not exist; create it in "
                + "the cluster (slipway sets only its image)");
    }

    @Test
    void withoutAClusterConfigurationTheRolloutFailsNamingWhatWasTried() {
        java.nio.file.Path missing = java.nio.file.Path.of("/nonexistent/slipway-kubeconfig");
        dev.slipway.rollout.RolloutStage stage = new dev.slipway.rollout.RolloutStage(new dev.slipway.rollout.target.RuntimeTargets(
                List.of(new KubernetesRuntimeTarget(() -> new Fabric8ClusterWorkloads(dev.slipway.kubernetes.KubernetesClients.connect(
                        new dev.slipway.kubernetes.KubernetesClients.Settings(java.util.Optional.of(missing), java.util.Optional.empty()))),
                        java.time.Clock.systemUTC(), 5))), java.time.Clock.systemUTC());
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(true, 60), List.of("svc-tax"));

        RolloutDone done = stage.roll(KubeEvents.distributedEverywhere(release, KubeEvents.deployment("svc-tax")));

        assertValid(done);
        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.diagnosis()).startsWith("service svc-tax: the kubernetes runtime target failed: no usable Kubernetes "
                + "configuration; tried: kubeconfig /nonexistent/slipway-kubeconfig (not found or not readable)");
    }

    @Test
    void aWorkloadWithoutAnEarlierRevisionCannotBeRolledBackAndSaysSo() {
        String image = KubeEvents.image("svc-governance", "2.1.0");
        fixture.cluster.imported(image).crashes(image, 1, List.of("panic: config missing"));
        fixture.cluster.createDeployment(KubeEvents.NAMESPACE, "svc-governance", image, 1);
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(true, 60), List.of("svc-governance"));

        RolloutDone done = fixture.stage.roll(KubeEvents.distributedEverywhere(release, KubeEvents.deployment("svc-governance")));

        assertValid(done);
        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.diagnosis()).contains("CrashLoopBackOff").contains("\"panic: config missing\"")
                .endsWith("; rollback impossible: Deployment backend-mainnet/svc-governance has no previous revision to go back to");
        assertThat(fixture.cluster.requests()).noneMatch(r -> r.method().equals("PATCH")
                && r.path().startsWith("/apis/apps/v1/namespaces/backend-mainnet/deployments/svc-governance?")
                || r.method().equals("PATCH") && r.path().equals("/apis/apps/v1/namespaces/backend-mainnet/deployments/svc-governance"));
    }
}
