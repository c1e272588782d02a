package dev.slipway.rollout.kubernetes.real;

import dev.slipway.rollout.decision.Observed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.kubernetes.RolloutStatus;
import dev.slipway.rollout.RolloutStage;
import dev.slipway.rollout.kubernetes.Fabric8ClusterWorkloads;
import dev.slipway.rollout.kubernetes.KubeEvents;
import dev.slipway.rollout.kubernetes.KubernetesRuntimeTarget;
import dev.slipway.rollout.target.RuntimeTargets;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults no simulator can stage, on the real cluster of scripts/cluster.sh: the API server (with the controller
 * manager) killed and started again while a rollout waits on its watches, and a token the API server does not
 * accept. Each release must end with a clear outcome, never hang until its timeout without saying why.
 */
class RealClusterFaultsTest {
    static RealCluster cluster;
    static KubernetesClient admin;

    @BeforeAll
    static void namespaceAndImages() {
        cluster = RealCluster.fromEnvironment();
        admin = cluster.admin();
        admin.namespaces().withName(KubeEvents.NAMESPACE).delete();
        await().atMost(Duration.ofMinutes(2)).until(() -> admin.namespaces().withName(KubeEvents.NAMESPACE).get() == null);
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(KubeEvents.NAMESPACE).endMetadata()
                .build()).create();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                admin.serviceAccounts().inNamespace(KubeEvents.NAMESPACE).withName("default").get() != null);
        for (String service : List.of("svc-tax", "projector", "svc-identity")) {
            cluster.tagOnEveryNode(KubeEvents.image(service, "2.0.0"));
            cluster.tagOnEveryNode(KubeEvents.image(service, "2.1.0"));
        }
    }

    @AfterAll
    static void close() {
        if (admin != null) {
            admin.namespaces().withName(KubeEvents.NAMESPACE).delete();
            admin.close();
        }
    }

    @Test
    void aRolloutWaitingWhenTheApiServerRestartsResumesItsWatchesAndFinishes() throws Exception {
        // readiness comes 12 s after start: the rollout is still waiting when the API server goes away
        running("projector", 2, 12);
        RolloutStage stage = stage(admin);
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(true, 150), List.of("projector"));
        CompletableFuture<RolloutDone> rolling = CompletableFuture.supplyAsync(
                () -> stage.roll(KubeEvents.distributedEverywhere(release, KubeEvents.deployment("projector"))));

        Thread.sleep(3_000);
        cluster.restartControlPlane(Duration.ofSeconds(5));
        RolloutDone done = rolling.get(180, TimeUnit.SECONDS);

        assertThat(done.outcome()).as(done.diagnosis()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        Deployment projector = admin.apps().deployments().inNamespace(KubeEvents.NAMESPACE).withName("projector").get();
        assertThat(projector.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(KubeEvents.image("projector", "2.1.0"));
        assertThat(RolloutStatus.of(Observed.workload(projector)).done()).isTrue();
    }

    @Test
    void aPodOfTheNewRevisionOnANodeWhoseKubeletStoppedFailsTheRolloutNamingTheNode() {
        // pinned to vps-3 (local storage, say); its kubelet dies just as the release starts
        running("svc-identity", 1, 0, "vps-3");
        cluster.stopKubelet(3);
        RolloutDone done;
        try {
            ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(true, 120), List.of("svc-identity"));
            done = stage(admin).roll(KubeEvents.distributedEverywhere(release, KubeEvents.deployment("svc-identity")));
        } finally {
            cluster.restore();
        }

        assertThat(done.outcome()).isIn(RolloutOutcome.FAILED, RolloutOutcome.ROLLED_BACK);
        assertThat(done.diagnosis()).contains("on node vps-3").contains("NodeNotReady: node vps-3 is not ready")
                .contains("kubectl describe node vps-3");
        // the node is marked not ready 20 s after its kubelet's last report (the controller manager's grace period);
        // the release says so then, not at its 120 s timeout
        assertThat(done.durationMillis()).isLessThan(60_000);
    }

    @Test
    void aTokenTheApiServerDoesNotAcceptFailsAtOnceSayingSo() {
        Deployment before = running("svc-tax", 1, 0);
        KubernetesClient wrong = new KubernetesClientBuilder().withConfig(new ConfigBuilder(admin.getConfiguration())
                .withOauthToken("0123456789abcdef-not-a-token").withRequestRetryBackoffLimit(0).build()).build();
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(true, 60), List.of("svc-tax"));

        long started = System.nanoTime();
        RolloutDone done = stage(wrong).roll(KubeEvents.distributedEverywhere(release, KubeEvents.deployment("svc-tax")));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        wrong.close();

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        // the first request is taking the workload's Lease
        assertThat(done.diagnosis()).startsWith("service svc-tax: Deployment backend-mainnet/svc-tax: taking its Lease "
                + "slipway-deployment-svc-tax (one release at a time per workload across rollout replicas) failed: "
                + "the API server did not accept the credentials (401 Unauthorized)");
        assertThat(tookMillis).isLessThan(10_000);
        Deployment after = admin.apps().deployments().inNamespace(KubeEvents.NAMESPACE).withName("svc-tax").get();
        assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
    }

    private static RolloutStage stage(KubernetesClient client) {
        return new RolloutStage(new RuntimeTargets(List.of(new KubernetesRuntimeTarget(() -> new Fabric8ClusterWorkloads(client),
                Clock.systemUTC(), 5))), Clock.systemUTC());
    }

    /** A Deployment of the service at 2.0.0 (pods of the pause image, ready {@code readyAfter} s after start), rolled out. */
    private static Deployment running(String service, int replicas, int readyAfter) {
        return running(service, replicas, readyAfter, null);
    }

    private static Deployment running(String service, int replicas, int readyAfter, String node) {
        Deployment deployment = new DeploymentBuilder().withNewMetadata().withName(service).withNamespace(KubeEvents.NAMESPACE)
                .endMetadata().withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", service).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", service).endMetadata().withNewSpec()
                .withTerminationGracePeriodSeconds(1L)
                .withNodeSelector(node == null ? null : java.util.Map.of("kubernetes.io/hostname", node))
                .addNewContainer().withName(service)
                .withImage(KubeEvents.image(service, "2.0.0")).withImagePullPolicy("Never")
                .withNewReadinessProbe().withNewExec().withCommand("/bin/busybox", "true").endExec()
                .withInitialDelaySeconds(readyAfter).withPeriodSeconds(1).endReadinessProbe()
                .endContainer().endSpec().endTemplate().endSpec().build();
        admin.apps().deployments().inNamespace(KubeEvents.NAMESPACE).resource(deployment).create();
        return await().atMost(Duration.ofMinutes(2)).until(
                () -> admin.apps().deployments().inNamespace(KubeEvents.NAMESPACE).withName(service).get(),
                d -> d != null && RolloutStatus.of(Observed.workload(d)).done());
    }
}
