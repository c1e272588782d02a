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
}
