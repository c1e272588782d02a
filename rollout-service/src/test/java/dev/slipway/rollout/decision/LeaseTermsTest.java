package dev.slipway.rollout.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.names.KubeName;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.WorkloadKind;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseTermsTest {
    private static final WorkloadRef API = new WorkloadRef(WorkloadKind.DEPLOYMENT, KubeName.of("shop"), KubeName.of("api"));
    private static final ReleaseId RELEASE = ReleaseId.of("shop-2.1.0-0a1b2c3d");
    private static final Instant T = Instant.parse("2026-12-02T10:00:00.123456789Z");

    @Test
    void aLeasePerWorkloadNamedAfterItsKindAndName() {
        assertThat(LeaseTerms.nameOf(API)).isEqualTo("slipway-deployment-api");
        assertThat(LeaseTerms.nameOf(new WorkloadRef(WorkloadKind.STATEFUL_SET, KubeName.of("shop"), KubeName.of("ledger"))))
                .isEqualTo("slipway-statefulset-ledger");
    }

    @Test
    void aLongNameIsCutToAValidOneThatStillTellsWorkloadsApart() {
        String a = LeaseTerms.nameOf(new WorkloadRef(WorkloadKind.STATEFUL_SET, KubeName.of("shop"), KubeName.of("a".repeat(60))));
        String b = LeaseTerms.nameOf(new WorkloadRef(WorkloadKind.STATEFUL_SET, KubeName.of("shop"),
                KubeName.of("a".repeat(59) + "b")));
        assertThat(a).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").startsWith("slipway-statefulset-aaa");
        assertThat(b).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").isNotEqualTo(a);
    }

    @Test
    void heldByTheReplicaForTheReleaseForTheWholeRolloutAndItsRollback() {
        LeaseTerms terms = LeaseTerms.of(API, "slipway-rollout-0", RELEASE, new RolloutPolicy(true, 120), Duration.ofSeconds(60));
        assertThat(terms).isEqualTo(new LeaseTerms("shop", "slipway-deployment-api", "slipway-rollout-0/shop-2.1.0-0a1b2c3d",
                Duration.ofSeconds(300), Duration.ofSeconds(300)));
    }

    @Test
    void aNewLeaseAndOneTakenOverKeepItsVersionAndCountTheChangeOfHands() {
        LeaseTerms terms = LeaseTerms.of(API, "r0", RELEASE, new RolloutPolicy(false, 10), Duration.ofSeconds(5));
        Lease fresh = terms.toTake(T, null);
        assertThat(fresh.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(fresh.getMetadata().getName()).isEqualTo("slipway-deployment-api");
        assertThat(fresh.getMetadata().getResourceVersion()).isNull();
        assertThat(fresh.getSpec().getHolderIdentity()).isEqualTo("r0/shop-2.1.0-0a1b2c3d");
        assertThat(fresh.getSpec().getLeaseDurationSeconds()).isEqualTo(25);
        assertThat(fresh.getSpec().getRenewTime().toInstant()).isEqualTo(Instant.parse("2026-12-02T10:00:00.123456Z"));
        assertThat(fresh.getSpec().getLeaseTransitions()).isZero();

        Lease stale = LeaseTerms.of(API, "r1", ReleaseId.of("shop-2.0.0-0a1b2c3d"), new RolloutPolicy(false, 10),
                Duration.ofSeconds(5)).toTake(T.minusSeconds(3600), null);
        stale.getMetadata().setResourceVersion("417");
        Lease taken = terms.toTake(T, stale);
        assertThat(taken.getMetadata().getResourceVersion()).as("optimistic concurrency").isEqualTo("417");
        assertThat(taken.getSpec().getHolderIdentity()).isEqualTo("r0/shop-2.1.0-0a1b2c3d");
        assertThat(taken.getSpec().getLeaseTransitions()).isEqualTo(1);
        assertThat(terms.toTake(T, taken).getSpec().getLeaseTransitions()).as("resumed: same holder").isEqualTo(1);
    }
}
