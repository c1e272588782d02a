package dev.slipway.rollout.kubernetes.real;

import dev.slipway.rollout.decision.Observed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slipway.events.ImageDistributed;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.PullPolicy;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.WorkloadKind;
import dev.slipway.kubernetes.RolloutStatus;
import dev.slipway.rollout.RolloutStage;
import dev.slipway.rollout.kubernetes.Fabric8ClusterWorkloads;
import dev.slipway.rollout.kubernetes.KubeEvents;
import dev.slipway.rollout.kubernetes.KubernetesRuntimeTarget;
import dev.slipway.rollout.kubernetes.WorkloadLeases;
import dev.slipway.rollout.target.RuntimeTargets;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One release at a time per workload across rollout replicas, on the real cluster: two {@link RolloutStage}s with
 * their own {@link KubernetesRuntimeTarget} and instance id stand for two replicas of the rollout service that got
 * two releases of one Deployment at once (record keys are release ids, so that happens). What the API server shows:
 * the second release's patch comes only once the first release's rollout is complete, an older release that waited
 * behind a newer one is SKIPPED as superseded, a Lease left by a replica that is gone is taken over once expired,
 * and no Lease is left behind.
 */
class RealClusterLeaseTest {
    private static final String NS = "rollout-lease";
    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");
    static RealNamespace namespace;
    static RealCluster cluster;
    static KubernetesClient admin;
    static RealWorkloads workloads;

    /** What a watch on the Deployment saw, in the API server's order for that object. */
    record Seen(Instant at, long generation, long observedGeneration, boolean rolledOut, String release, String image) {}

    /** What a watch on the Lease saw. */
    record LeaseSeen(Instant at, String action, String holder, String acquired) {}

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
    void twoReplicasRollingOutTwoReleasesOfOneDeploymentActOneAfterTheOther() throws Exception {
        String name = "svc-order";
        workloads.deploymentOf(name, 2, "2.0.0");
        tag(name, "2.1.0", "2.2.0");
        List<Seen> seen = new CopyOnWriteArrayList<>();
        List<LeaseSeen> leases = new CopyOnWriteArrayList<>();
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try (Watch deployment = watchDeployment(name, seen); Watch lease = watchLease("slipway-deployment-" + name, leases)) {
            Future<RolloutDone> first = replicas.submit(() -> replica("replica-a").roll(distributed(name, "2.1.0", T)));
            awaitHolder(name, "replica-a/gx-2.1.0-0a1b2c3d");
            Instant secondStarted = Instant.now();
            Future<RolloutDone> second = replicas.submit(() -> replica("replica-b").roll(distributed(name, "2.2.0", T.plusSeconds(60))));

            RolloutDone one = first.get();
            Instant firstDone = Instant.now();
            RolloutDone two = second.get();

            assertThat(one.outcome()).as(one.diagnosis()).isEqualTo(RolloutOutcome.ROLLED_OUT);
            assertThat(two.outcome()).as(two.diagnosis()).isEqualTo(RolloutOutcome.ROLLED_OUT);
            await().atMost(Duration.ofSeconds(10)).until(() -> leases.stream().filter(l -> l.action().equals("DELETED")).count() == 2);
            report(name, seen, leases, secondStarted, firstDone);

            // the Deployment's history, as the API server delivered it: 2.1.0 patched (generation 2) and rolled out
            // completely before 2.2.0 was patched (generation 3)
            Seen secondPatch = seen.stream().filter(s -> s.generation() == 3).findFirst().orElseThrow();
            Seen beforeSecondPatch = seen.get(seen.indexOf(secondPatch) - 1);
            assertThat(secondPatch.release()).isEqualTo("gx-2.2.0-0a1b2c3d");
            assertThat(beforeSecondPatch.generation()).isEqualTo(2);
            assertThat(beforeSecondPatch.release()).isEqualTo("gx-2.1.0-0a1b2c3d");
            assertThat(beforeSecondPatch.rolledOut()).as("2.1.0 completely rolled out before 2.2.0's patch").isTrue();
            assertThat(secondPatch.at()).isAfter(secondStarted.plusSeconds(1));
            // the Lease went from replica a to replica b, never held by both
            assertThat(leases).extracting(l -> l.action() + " " + l.holder()).containsExactly(
                    "ADDED replica-a/gx-2.1.0-0a1b2c3d", "DELETED replica-a/gx-2.1.0-0a1b2c3d",
                    "ADDED replica-b/gx-2.2.0-0a1b2c3d", "DELETED replica-b/gx-2.2.0-0a1b2c3d");
            assertThat(two.durationMillis()).as("the second waited for the first").isGreaterThan(1_000);
        } finally {
            replicas.shutdownNow();
        }
        Deployment after = admin.apps().deployments().inNamespace(NS).withName(name).get();
        assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(KubeEvents.image(name, "2.2.0"));
        assertThat(after.getMetadata().getGeneration()).as("two patches, no more").isEqualTo(3);
        assertThat(admin.leases().inNamespace(NS).list().getItems()).as("no Lease left").isEmpty();
    }

    @Test
    void anOlderReleaseWaitingBehindANewerOneOnAnotherReplicaIsSkippedAsSuperseded() throws Exception {
        String name = "svc-forward";
        workloads.deploymentOf(name, 1, "2.0.0");
        tag(name, "2.3.0", "2.4.0");
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            Future<RolloutDone> newer = replicas.submit(() -> replica("replica-a").roll(distributed(name, "2.4.0", T.plusSeconds(120))));
            awaitHolder(name, "replica-a/gx-2.4.0-0a1b2c3d");
            Future<RolloutDone> older = replicas.submit(() -> replica("replica-b").roll(distributed(name, "2.3.0", T.plusSeconds(60))));

            RolloutDone rolled = newer.get();
            RolloutDone skipped = older.get();

            assertThat(rolled.outcome()).as(rolled.diagnosis()).isEqualTo(RolloutOutcome.ROLLED_OUT);
            assertThat(skipped.outcome()).as(skipped.diagnosis()).isEqualTo(RolloutOutcome.SKIPPED);
            assertThat(skipped.diagnosis()).startsWith("not rolled out: superseded by release gx-2.4.0-0a1b2c3d")
                    .contains("which Deployment " + NS + "/" + name + " already runs");
            System.out.printf("%n[lease] superseded: %s%n", skipped.diagnosis());
        } finally {
            replicas.shutdownNow();
        }
        Deployment after = admin.apps().deployments().inNamespace(NS).withName(name).get();
        assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(KubeEvents.image(name, "2.4.0"));
        assertThat(after.getMetadata().getGeneration()).as("only the newer release patched it").isEqualTo(2);
        assertThat(admin.leases().inNamespace(NS).withName("slipway-deployment-" + name).get()).as("no Lease left").isNull();
    }

    @Test
    void aStaleLeaseOfAReplicaThatIsGoneIsTakenOverAndWritesAreConditionedOnItsVersion() {
        String name = "svc-stale";
        String leaseName = "slipway-deployment-" + name;
        workloads.deploymentOf(name, 1, "2.0.0");
        tag(name, "2.1.0");
        ZonedDateTime tenMinutesAgo = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(10);
        Lease stale = admin.leases().inNamespace(NS).resource(new LeaseBuilder().withNewMetadata().withName(leaseName).endMetadata()
                .withNewSpec().withHolderIdentity("replica-gone/gx-2.0.0-0a1b2c3d").withLeaseDurationSeconds(60)
                .withAcquireTime(tenMinutesAgo).withRenewTime(tenMinutesAgo).endSpec().build()).create();

        // what the take-over relies on, from the real API server: a write with a resourceVersion someone changed since is 409
        Fabric8ClusterWorkloads api = new Fabric8ClusterWorkloads(admin);
        Lease renewed = api.updateLease(new LeaseBuilder(stale).editSpec().withRenewTime(tenMinutesAgo.plusSeconds(1)).endSpec()
                .build());
        assertThat(renewed.getMetadata().getResourceVersion()).isNotEqualTo(stale.getMetadata().getResourceVersion());
        assertThatThrownBy(() -> api.updateLease(stale)).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(409));
        assertThatThrownBy(() -> api.deleteLease(stale)).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(409));

        RolloutDone done = replica("replica-a").roll(distributed(name, "2.1.0", T));

        assertThat(done.outcome()).as(done.diagnosis()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        assertThat(done.durationMillis()).as("no wait for the expired Lease").isLessThan(60_000);
        assertThat(admin.leases().inNamespace(NS).withName(leaseName).get()).as("taken over, then given back").isNull();
        System.out.printf("%n[lease] stale Lease of replica-gone (renewed 10 min ago, 60 s) taken over; rolled out in %d ms%n",
                done.durationMillis());
    }

    private static RolloutStage replica(String instance) {
        return new RolloutStage(new RuntimeTargets(List.of(new KubernetesRuntimeTarget(() -> new Fabric8ClusterWorkloads(admin),
                Clock.systemUTC(), 5, instance, WorkloadLeases.MARGIN, Duration.ofMillis(500)))), Clock.systemUTC());
    }

    private static ImageDistributed distributed(String name, String version, Instant requestedAt) {
        ReleaseContext release = new ReleaseContext(ReleaseId.of("gx-" + version + "-0a1b2c3d"), ReleaseName.of("gx"),
                Version.of(version), List.of(ServiceName.of(name)), new RolloutPolicy(false, 120), List.of(), null, requestedAt);
        return KubeEvents.distributedEverywhere(release, KubeEvents.plan(NS, name, WorkloadKind.DEPLOYMENT, PullPolicy.NEVER));
    }

    private static void tag(String name, String... versions) {
        for (String version : versions) {
            cluster.tagOnEveryNode(ClusterImages.ref("serve"), KubeEvents.image(name, version));
        }
    }

    private static void awaitHolder(String name, String holder) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Lease lease = admin.leases().inNamespace(NS).withName("slipway-deployment-" + name).get();
            return lease != null && holder.equals(lease.getSpec().getHolderIdentity());
        });
    }

    private static Watch watchDeployment(String name, List<Seen> seen) {
        return admin.apps().deployments().inNamespace(NS).withName(name).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment d) {
                var status = d.getStatus();
                var annotations = d.getMetadata().getAnnotations();
                seen.add(new Seen(Instant.now(), d.getMetadata().getGeneration(),
                        status == null || status.getObservedGeneration() == null ? 0 : status.getObservedGeneration(),
                        RolloutStatus.of(Observed.workload(d)).done(), annotations == null ? null : annotations.get("dev.slipway/release-id"),
                        d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()));
            }

            @Override
            public void onClose(WatcherException cause) {}
        });
    }

    private static Watch watchLease(String name, List<LeaseSeen> seen) {
        return admin.leases().inNamespace(NS).withName(name).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Lease lease) {
                seen.add(new LeaseSeen(Instant.now(), action.name(), lease.getSpec().getHolderIdentity(),
                        String.valueOf(lease.getSpec().getAcquireTime())));
            }

            @Override
            public void onClose(WatcherException cause) {}
        });
    }

    private static void report(String name, List<Seen> seen, List<LeaseSeen> leases, Instant secondStarted, Instant firstDone) {
        StringBuilder out = new StringBuilder("\n[lease] Deployment " + NS + "/" + name + " as the API server delivered it:\n");
        seen.forEach(s -> out.append(String.format("[lease]   %s generation %d observed %d rolledOut %s release %s image %s%n", s.at(),
                s.generation(), s.observedGeneration(), s.rolledOut(), s.release(), s.image())));
        out.append("[lease] Lease slipway-deployment-").append(name).append(":\n");
        leases.forEach(l -> out.append(String.format("[lease]   %s %s %s (acquired %s)%n", l.at(), l.action(), l.holder(), l.acquired())));
        out.append(String.format("[lease] replica-b started %s; replica-a's rollout returned %s%n", secondStarted, firstDone));
        System.out.print(out);
    }
}
