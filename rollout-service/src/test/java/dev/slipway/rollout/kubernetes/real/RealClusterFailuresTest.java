package dev.slipway.rollout.kubernetes.real;

import dev.slipway.rollout.decision.Observed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.NodeRollout;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.plan.PullPolicy;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.WorkloadKind;
import dev.slipway.kubernetes.RolloutStatus;
import dev.slipway.rollout.RolloutStage;
import dev.slipway.rollout.kubernetes.Fabric8ClusterWorkloads;
import dev.slipway.rollout.kubernetes.KubeEvents;
import dev.slipway.rollout.kubernetes.KubernetesRuntimeTarget;
import dev.slipway.rollout.target.RuntimeTargets;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failure kinds of the rollout README on the real cluster, through the stage (the whole pipeline's are in
 * e2e-tests): a Secret gone from under a Deployment, a progress deadline passing, and a StatefulSet rolled back
 * from a crashing revision by putting its template back and deleting the stuck pods; each rollback then
 * redelivered, which reports the same outcome and writes nothing.
 */
class RealClusterFailuresTest {
    private static final String NS = "rollout-failures";
    static RealNamespace namespace;
    static RealCluster cluster;
    static KubernetesClient admin;
    static RealWorkloads workloads;

    @BeforeAll
    static void namespaceAndImages() throws Exception {
        namespace = RealNamespace.create(NS);
        cluster = namespace.cluster;
        admin = namespace.admin;
        workloads = namespace.workloads;
    }

    @AfterAll
    static void close() {
        if (namespace != null) {
            namespace.close();
        }
    }

    @Test
    void aSecretDeletedUnderTheDeploymentIsCreateContainerConfigErrorRolledBack() {
        workloads.deploymentWithSecret("svc-admin", 600);
        cluster.tagOnEveryNode(ClusterImages.ref("serve"), KubeEvents.image("svc-admin", "2.1.0"));
        admin.secrets().inNamespace(NS).withName("svc-admin-env").delete();

        RolloutDone done = roll("svc-admin", WorkloadKind.DEPLOYMENT, true);

        assertThat(done.outcome()).as(done.diagnosis()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(done.diagnosis()).contains("CreateContainerConfigError").contains("secret \"svc-admin-env\" not found")
                .contains("rolled back: Deployment " + NS + "/svc-admin is back at revision 1");
        assertThat(done.nodes()).isNotEmpty().extracting(NodeRollout::previousImage)
                .containsOnly(KubeEvents.image("svc-admin", "2.0.0"));
        Deployment rolledBack = admin.apps().deployments().inNamespace(NS).withName("svc-admin").get();
        assertThat(rolledBack.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(KubeEvents.image("svc-admin", "2.0.0"));

        RolloutDone redelivered = roll("svc-admin", WorkloadKind.DEPLOYMENT, true);

        assertThat(redelivered.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(redelivered.diagnosis()).isEqualTo(done.diagnosis());
        Deployment after = admin.apps().deployments().inNamespace(NS).withName("svc-admin").get();
        assertThat(after.getMetadata().getGeneration()).as("no second patch").isEqualTo(rolledBack.getMetadata().getGeneration());
        assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(KubeEvents.image("svc-admin", "2.0.0"));
        assertThat(after.getMetadata().getAnnotations().get("failed.dev.slipway/svc-admin"))
                .contains("\"release\":\"gx-2.1.0-0a1b2c3d\"").contains(KubeEvents.image("svc-admin", "2.1.0"));
    }

    @Test
    void aDeploymentThatNeverGetsReadyFailsWhenItsProgressDeadlinePasses() {
        workloads.deploymentWithSecret("svc-loanpool", 10);
        cluster.tagOnEveryNode(ClusterImages.ref("hang"), KubeEvents.image("svc-loanpool", "2.1.0"));

        RolloutDone done = roll("svc-loanpool", WorkloadKind.DEPLOYMENT, false);

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.diagnosis()).contains("ProgressDeadlineExceeded").contains("has timed out progressing")
                .contains("to go back: kubectl -n " + NS + " rollout undo deployment/svc-loanpool");
        assertThat(done.durationMillis()).isLessThan(60_000);
    }

    @Test
    void aStatefulSetOnACrashingRevisionIsPutBackAndItsStuckPodReplaced() {
        workloads.statefulSetOf("ledger", 2, "2.0.0");
        cluster.tagOnEveryNode(ClusterImages.ref("crash"), KubeEvents.image("ledger", "2.1.0"));

        RolloutDone done = roll("ledger", WorkloadKind.STATEFUL_SET, true);

        assertThat(done.outcome()).as(done.diagnosis()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(done.diagnosis()).containsPattern("CrashLoopBackOff|RepeatedExit")
                .contains("Error: @prisma/client did not initialize yet")
                .contains("rolled back: StatefulSet " + NS + "/ledger is back at its template before release");
        assertThat(done.nodes()).isNotEmpty().extracting(NodeRollout::previousImage)
                .containsOnly(KubeEvents.image("ledger", "2.0.0"));
        StatefulSet ledger = admin.apps().statefulSets().inNamespace(NS).withName("ledger").get();
        assertThat(RolloutStatus.of(Observed.workload(ledger)).done()).isTrue();
        List<Pod> pods = admin.pods().inNamespace(NS).withLabel("app", "ledger").list().getItems();
        assertThat(pods).hasSize(2).allSatisfy(pod -> assertThat(pod.getSpec().getContainers().get(0).getImage())
                .isEqualTo(KubeEvents.image("ledger", "2.0.0")));

        RolloutDone redelivered = roll("ledger", WorkloadKind.STATEFUL_SET, true);

        assertThat(redelivered.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(redelivered.diagnosis()).isEqualTo(done.diagnosis());
        StatefulSet after = admin.apps().statefulSets().inNamespace(NS).withName("ledger").get();
        assertThat(after.getMetadata().getGeneration()).as("no second patch").isEqualTo(ledger.getMetadata().getGeneration());
        assertThat(admin.pods().inNamespace(NS).withLabel("app", "ledger").list().getItems())
                .extracting(pod -> pod.getMetadata().getUid())
                .as("no pod replaced again").containsExactlyInAnyOrderElementsOf(pods.stream().map(p -> p.getMetadata().getUid()).toList());
    }

    private static RolloutDone roll(String name, WorkloadKind kind, boolean rollBack) {
        RolloutStage stage = new RolloutStage(new RuntimeTargets(List.of(new KubernetesRuntimeTarget(
                () -> new Fabric8ClusterWorkloads(admin), Clock.systemUTC(), 5))), Clock.systemUTC());
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(rollBack, 120), List.of(name));
        return stage.roll(KubeEvents.distributedEverywhere(release, KubeEvents.plan(NS, name, kind, PullPolicy.NEVER)));
    }
}
