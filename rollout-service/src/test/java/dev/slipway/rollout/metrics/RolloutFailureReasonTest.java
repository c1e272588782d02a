package dev.slipway.rollout.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RolloutFailureReasonTest {
    @Test
    void foldsTheDiagnosedFailureKindsIntoTheirReasons() {
        assertThat(RolloutFailureReason.ofDiagnosis("service ledger on node local: container ledger exited with code 3 within "
                + "0.4 s; last log lines: \"Error: @prisma/client did not initialize yet\"; rolled back: the previous container "
                + "ledger runs again on node local")).isEqualTo(RolloutFailureReason.CRASH);
        assertThat(RolloutFailureReason.ofDiagnosis("service svc-tax: Deployment backend-mainnet/svc-tax did not roll out to "
                + "gx-protocol/svc-tax:2.1.0: pod svc-tax-7d9f-x2 on node vps-4, container svc-tax: ErrImageNeverPull: "
                + "Container image is not present")).isEqualTo(RolloutFailureReason.IMAGE_MISSING);
        assertThat(RolloutFailureReason.ofDiagnosis("service db: StatefulSet backend-mainnet/db did not roll out to db:2.1.0: "
                + "pod db-0: Unschedulable: persistentvolumeclaim \"data-db-0\" not found"))
                .isEqualTo(RolloutFailureReason.UNSCHEDULABLE);
        assertThat(RolloutFailureReason.ofDiagnosis("service api on node local: container api did not come up within 30.0 s "
                + "(status running); raise rollout.timeoutSeconds")).isEqualTo(RolloutFailureReason.TIMEOUT);
        assertThat(RolloutFailureReason.ofDiagnosis("service api on node local: Docker engine tcp://127.0.0.1:2375 failed: "
                + "connection refused")).isEqualTo(RolloutFailureReason.RUNTIME_ERROR);
        assertThat(RolloutFailureReason.ofDiagnosis("service api: rollout-service has no nodes configured"))
                .isEqualTo(RolloutFailureReason.NO_TARGET);
        assertThat(RolloutFailureReason.ofDiagnosis("something nobody expected")).isEqualTo(RolloutFailureReason.OTHER);
        assertThat(RolloutFailureReason.ofDiagnosis(null)).isEqualTo(RolloutFailureReason.OTHER);
    }

    @Test
    void labelsAreLowercaseAndFew() {
        assertThat(RolloutFailureReason.values()).hasSizeLessThanOrEqualTo(10)
                .allSatisfy(reason -> assertThat(reason.label()).matches("[a-z_]+"));
    }
}
