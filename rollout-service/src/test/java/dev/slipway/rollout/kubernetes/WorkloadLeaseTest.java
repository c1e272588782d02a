package dev.slipway.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.ImageDistributed;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.rollout.RolloutStage;
import dev.slipway.rollout.target.RuntimeTargets;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workload's Lease on the simulated cluster: a Lease another replica holds past the wait fails the release
 * without touching the workload; a stale one (its holder gone) or one this replica holds for the release (a resumed
 * rollout) is taken over; stopping while waiting publishes nothing. Two replicas at once: RealClusterLeaseTest.
 */
class WorkloadLeaseTest {
    private static final String LEASE = "slipway-deployment-svc-identity";
    private ClusterFixture fixture;

    @BeforeEach
    void cluster() {
        fixture = new ClusterFixture();
        fixture.running("svc-identity", "2.0.0", 2);
        fixture.cluster.imported(KubeEvents.image("svc-identity", "2.1.0"));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aLeaseAnotherReplicaHoldsPastTheWaitFailsTheReleaseNamingItAndLeavesTheWorkload() {
        leaseHeldBy("replica-b/gx-2.2.0-0a1b2c3d", ZonedDateTime.now(ZoneOffset.UTC), 3600);
        Deployment before = fixture.deployment("svc-identity");

        RolloutDone done = replica("replica-a").roll(distributed(1)); // waits 2 × 1 s + 1 s margin

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.diagnosis()).startsWith("service svc-identity: Deployment backend-mainnet/svc-identity was not rolled "
                + "out: it is held by replica-b/gx-2.2.0-0a1b2c3d (Lease backend-mainnet/" + LEASE + ", renewed at ")
                .contains("still after waiting 3.")
                .contains("nothing was changed")
                .contains("kubectl -n backend-mainnet get lease " + LEASE + " -o yaml");
        assertThat(done.durationMillis()).isBetween(2_900L, 10_000L);
        Deployment after = fixture.deployment("svc-identity");
        assertThat(after.getMetadata().getResourceVersion()).as("the workload untouched")
                .isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(lease().getSpec().getHolderIdentity()).as("the other's Lease untouched").isEqualTo("replica-b/gx-2.2.0-0a1b2c3d");
    }

    @Test
    void aStaleLeaseIsTakenOverAndGivenBackAfterTheRollout() {
        leaseHeldBy("replica-gone/gx-2.0.0-0a1b2c3d", ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(10), 60);

        RolloutDone done = replica("replica-a").roll(distributed(60));

        assertThat(done.outcome()).as(done.diagnosis()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        assertThat(fixture.cluster.requests()).filteredOn(r -> r.path().contains("/leases"))
                .filteredOn(r -> r.userAgent().equals(dev.slipway.rollout.kubernetes.sim.SimulatedCluster.CODE_UNDER_TEST))
                .extracting(r -> r.method() + " " + r.path().replaceAll(".*/leases", "leases"))
                .containsExactly("POST leases", "GET leases/" + LEASE, "PUT leases/" + LEASE, "DELETE leases/" + LEASE);
        assertThat(fixture.client.leases().inNamespace(KubeEvents.NAMESPACE).withName(LEASE).get()).as("given back").isNull();
    }

    @Test
    void aLeaseThisReplicaHoldsForTheReleaseIsItsOwnAfterARestart() {
        leaseHeldBy("replica-a/gx-2.1.0-0a1b2c3d", ZonedDateTime.now(ZoneOffset.UTC), 3600);

        RolloutDone done = replica("replica-a").roll(distributed(60));

        assertThat(done.outcome()).as(done.diagnosis()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        assertThat(done.durationMillis()).as("no wait").isLessThan(2_000);
        assertThat(fixture.client.leases().inNamespace(KubeEvents.NAMESPACE).withName(LEASE).get()).isNull();
    }

    @Test
    void stoppingWhileWaitingLeavesTheRecordForTheNextStartAndTouchesNothing() throws Exception {
        leaseHeldBy("replica-b/gx-2.2.0-0a1b2c3d", ZonedDateTime.now(ZoneOffset.UTC), 3600);
        Deployment before = fixture.deployment("svc-identity");
        AtomicReference<RolloutDone> done = new AtomicReference<>();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            done.set(replica("replica-a").roll(distributed(60)));
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        worker.start();
        Thread.sleep(1_500);
        worker.interrupt();
        worker.join(10_000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(interruptedAfter).as("the stage processor leaves an interrupted step's record unacknowledged").isTrue();
        assertThat(done.get().diagnosis()).contains("interrupted while waiting for the workload of svc-identity");
        assertThat(fixture.deployment("svc-identity").getMetadata().getResourceVersion())
                .isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("replica-b/gx-2.2.0-0a1b2c3d");
    }

    private RolloutStage replica(String instance) {
        return new RolloutStage(new RuntimeTargets(List.of(new KubernetesRuntimeTarget(() -> new Fabric8ClusterWorkloads(fixture.client),
                Clock.systemUTC(), 5, instance, Duration.ofSeconds(1), Duration.ofMillis(200)))), Clock.systemUTC());
    }

    private static ImageDistributed distributed(int timeoutSeconds) {
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(false, timeoutSeconds), List.of("svc-identity"));
        return KubeEvents.distributedEverywhere(release, KubeEvents.deployment("svc-identity"));
    }

    private void leaseHeldBy(String holder, ZonedDateTime renewed, int seconds) {
        fixture.cluster.client().leases().inNamespace(KubeEvents.NAMESPACE).resource(new LeaseBuilder().withNewMetadata()
                .withName(LEASE).endMetadata().withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(seconds)
                .withAcquireTime(renewed).withRenewTime(renewed).endSpec().build()).create();
    }

    private Lease lease() {
        return fixture.cluster.client().leases().inNamespace(KubeEvents.NAMESPACE).withName(LEASE).get();
    }
}
