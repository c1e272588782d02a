package dev.slipway.rollout.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.KubeName;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.WorkloadKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KubernetesDiagnosesTest {
    private static final WorkloadRef SVC_TAX = new WorkloadRef(WorkloadKind.DEPLOYMENT, KubeName.of("backend-mainnet"),
            KubeName.of("svc-tax"));
    private static final ImageRef IMAGE = ImageRef.parse("gx-protocol/svc-tax:2.1.0");
    private static final RolloutFailure NEVER_PULL = new RolloutFailure("svc-tax-5d8f-x2", "vps-4", "svc-tax",
            "ErrImageNeverPull", "Container image \"gx-protocol/svc-tax:2.1.0\" is not present with pull policy of Never",
            false, false, List.of());

    @Test
    void aNodeMissingFromTheDistributionIsNamed() {
        assertThat(KubernetesDiagnoses.failure(ServiceName.of("svc-tax"), SVC_TAX, IMAGE, NEVER_PULL, Optional.empty(), List.of()))
                .isEqualTo("service svc-tax: Deployment backend-mainnet/svc-tax did not roll out to gx-protocol/svc-tax:2.1.0: "
                        + "pod svc-tax-5d8f-x2 on node vps-4, container svc-tax: ErrImageNeverPull: Container image "
                        + "\"gx-protocol/svc-tax:2.1.0\" is not present with pull policy of Never; node vps-4 has no IMPORTED "
                        + "result for gx-protocol/svc-tax:2.1.0 in image-distributed; add the node to the distributor's slipway.nodes");
    }

    @Test
    void aFailedImportIsQuoted() {
        NodeResult failed = new NodeResult(NodeName.of("vps-4"), NodeOutcome.FAILED, 0, 10, "ctr: no space left on device");
        assertThat(KubernetesDiagnoses.failure(ServiceName.of("svc-tax"), SVC_TAX, IMAGE, NEVER_PULL, Optional.of(failed), List.of()))
                .endsWith("; import FAILED on vps-4: ctr: no space left on device");
    }

    @Test
    void anImportedImageTheKubeletDoesNotSeePointsAtContainerd() {
        NodeResult imported = new NodeResult(NodeName.of("vps-4"), NodeOutcome.ALREADY_PRESENT, 0, 10, null);
        assertThat(KubernetesDiagnoses.failure(ServiceName.of("svc-tax"), SVC_TAX, IMAGE, NEVER_PULL, Optional.of(imported), List.of()))
                .endsWith("; image-distributed reported ALREADY_PRESENT for gx-protocol/svc-tax:2.1.0 on node vps-4, yet the "
                        + "kubelet does not find it: check that the image is in containerd's k8s.io namespace on that node");
    }

    @Test
    void aCrashCarriesThePreviousRunsLog() {
        RolloutFailure crash = new RolloutFailure("svc-tax-5d8f-x2", "vps-1", "svc-tax", "CrashLoopBackOff",
                "exited with code 1 (Error), restarted 2 time(s)", true, true, List.of());
        assertThat(KubernetesDiagnoses.failure(ServiceName.of("svc-tax"), SVC_TAX, IMAGE, crash,
                Optional.of(new NodeResult(NodeName.of("vps-1"), NodeOutcome.IMPORTED, 1, 1, null)),
                List.of("Error: @prisma/client did not initialize yet.")))
                .contains("CrashLoopBackOff: exited with code 1 (Error), restarted 2 time(s); previous run's last log lines: "
                        + "\"Error: @prisma/client did not initialize yet.\"; image-distributed reported IMPORTED");
    }

    @Test
    void aLeaseHeldPastTheWaitNamesItsHolderTheLeaseAndWhatToDo() {
        java.time.Instant t = java.time.Instant.parse("2026-12-02T10:00:00Z");
        LeaseTerms terms = LeaseTerms.of(SVC_TAX, "slipway-rollout-0", dev.slipway.events.names.ReleaseId.of("gx-2.1.0-0a1b2c3d"),
                new dev.slipway.events.plan.RolloutPolicy(false, 120), java.time.Duration.ofSeconds(60));
        LeaseState held = new LeaseState("slipway-rollout-1/gx-2.2.0-0a1b2c3d", t, java.time.Duration.ofSeconds(300));
        assertThat(KubernetesDiagnoses.leaseHeld(ServiceName.of("svc-tax"), SVC_TAX, terms, held, java.time.Duration.ofSeconds(300)))
                .isEqualTo("service svc-tax: Deployment backend-mainnet/svc-tax was not rolled out: it is held by "
                        + "slipway-rollout-1/gx-2.2.0-0a1b2c3d (Lease backend-mainnet/slipway-deployment-svc-tax, renewed at "
                        + "2026-12-02T10:00:00Z, for 300 s, until 2026-12-02T10:05:00Z), still after waiting 300.0 s; nothing was "
                        + "changed. That is another rollout replica rolling out another release of the same workload: see "
                        + "kubectl -n backend-mainnet get lease slipway-deployment-svc-tax -o yaml; release again once it is done, "
                        + "or, if that replica is gone, once the lease has expired (or after kubectl -n backend-mainnet delete "
                        + "lease slipway-deployment-svc-tax)");
    }
}
