package dev.slipway.rollout.kubernetes;

import dev.slipway.rollout.decision.Observed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.ReleaseContext;
import dev.slipway.kubernetes.rbac.ApiRequest;
import dev.slipway.kubernetes.rbac.RbacPolicy;
import dev.slipway.kubernetes.rbac.ServiceAccountRef;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.plan.PullPolicy;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.WorkloadKind;
import dev.slipway.kubernetes.RolloutStatus;
import dev.slipway.rollout.kubernetes.sim.SimulatedCluster;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Every request the kubernetes target sends through a rollout, a crash with its log, a Deployment
 * rollback, a StatefulSet rollback, a redelivery and taking over a stale Lease is granted to the service account
 * {@code slipway-rollout} by deploy/'s RBAC manifests: the test fails when the code starts using a
 * verb or resource the manifests do not grant.
 */
class ApiAccessTest {
    private static final ServiceAccountRef ROLLOUT = new ServiceAccountRef("slipway", "slipway-rollout");

    @Test
    void everyRequestOfTheTargetIsGrantedByTheDeployManifests() {
        try (ClusterFixture fixture = new ClusterFixture()) {
            ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(true, 60), List.of("svc-tax", "prometheus"));
            fixture.running("svc-identity", "2.0.0", 2);
            fixture.cluster.imported(KubeEvents.image("svc-identity", "2.1.0"));
            var identity = KubeEvents.distributedEverywhere(release, KubeEvents.deployment("svc-identity"));
            assertThat(fixture.stage.roll(identity).outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
            assertThat(fixture.stage.roll(identity).outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);

            // a Lease left behind by a replica gone mid-rollout: read, taken over (update), given back
            fixture.cluster.client().leases().inNamespace(KubeEvents.NAMESPACE).resource(new LeaseBuilder().withNewMetadata()
                    .withName("slipway-deployment-svc-tax").endMetadata().withNewSpec().withHolderIdentity("gone/gx-2.0.0-0a1b2c3d")
                    .withLeaseDurationSeconds(60).withRenewTime(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1)).endSpec().build())
                    .create();
            fixture.running("svc-tax", "2.0.0", 2);
            fixture.cluster.imported(KubeEvents.image("svc-tax", "2.1.0")).crashes(KubeEvents.image("svc-tax", "2.1.0"), 1,
                    List.of("Error: @prisma/client did not initialize yet."));
            assertThat(fixture.stage.roll(KubeEvents.distributedEverywhere(release, KubeEvents.deployment("svc-tax"))).outcome())
                    .isEqualTo(RolloutOutcome.ROLLED_BACK);

            fixture.cluster.imported(KubeEvents.image("prometheus", "2.0.0")).imported(KubeEvents.image("prometheus", "2.1.0"))
                    .crashes(KubeEvents.image("prometheus", "2.1.0"), 2, List.of("opening storage failed"));
            fixture.cluster.boundClaim(KubeEvents.NAMESPACE, "prometheus-data");
            fixture.cluster.createStatefulSet(KubeEvents.NAMESPACE, "prometheus", KubeEvents.image("prometheus", "2.0.0"), 1,
                    "prometheus-data");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> fixture.cluster.client().apps().statefulSets()
                    .inNamespace(KubeEvents.NAMESPACE).withName("prometheus").get(), s -> RolloutStatus.of(Observed.workload(s)).done());
            assertThat(fixture.stage.roll(KubeEvents.distributedEverywhere(release,
                    KubeEvents.plan("prometheus", WorkloadKind.STATEFUL_SET, PullPolicy.IF_NOT_PRESENT))).outcome())
                    .isEqualTo(RolloutOutcome.ROLLED_BACK);

            List<ApiRequest> used = fixture.cluster.requests().stream()
                    .filter(r -> SimulatedCluster.CODE_UNDER_TEST.equals(r.userAgent()))
                    .map(r -> ApiRequest.of(r.method(), r.path())).toList();
            RbacPolicy manifests = RbacPolicy.fromDirectory(repoDeployFolder(), Set.of(KubeEvents.NAMESPACE));

            assertThat(manifests.denied(ROLLOUT, used)).isEmpty();
            assertThat(used).extracting(r -> r.verb() + " " + r.resource() + (r.subresource() == null ? "" : "/" + r.subresource()))
                    .contains("patch deployments", "get pods/log", "watch pods", "delete pods", "create leases", "get leases",
                            "update leases", "delete leases");
        }
    }

    private static Path repoDeployFolder() {
        Path deploy = Path.of("").toAbsolutePath().getParent().resolve("deploy");
        assertThat(deploy).as("the repository's deploy/ folder").isDirectory();
        return deploy;
    }
}
