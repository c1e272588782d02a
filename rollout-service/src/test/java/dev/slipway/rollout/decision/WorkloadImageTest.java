package dev.slipway.rollout.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.RegistryOutcome;
import dev.slipway.events.RegistryResult;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.KubeName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.events.plan.PullPolicy;
import dev.slipway.events.plan.WorkloadKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which reference and pull policy a workload gets, and what a failed pull from the registry says. */
class WorkloadImageTest {
    private static final BuiltImage BUILT = new BuiltImage(ImageRef.parse("gx-protocol/svc-tax:2.1.0"),
            ImageId.of("sha256:" + "3f".repeat(32)), 2_000_000, 3);
    private static final KubernetesRuntime NEVER = new KubernetesRuntime(KubeName.of("backend-mainnet"), WorkloadKind.DEPLOYMENT,
            KubeName.of("svc-tax"), KubeName.of("svc-tax"), PullPolicy.NEVER);
    private static final ImageRef PULLED = ImageRef.parse("10.0.0.9:5000/gx-protocol/svc-tax:2.1.0");
    private static final RegistryResult PUSHED = new RegistryResult("10.0.0.9:5000", PULLED, "sha256:" + "7d".repeat(32),
            RegistryOutcome.PUSHED, 1_800_000, 900, null);
    private static final WorkloadRef SVC_TAX = new WorkloadRef(WorkloadKind.DEPLOYMENT, KubeName.of("backend-mainnet"),
            KubeName.of("svc-tax"));

    @Test
    void withoutARegistryTheBuiltReferenceAndThePlansPolicyAreUsed() {
        WorkloadImage image = WorkloadImage.of(BUILT, NEVER, Optional.empty());

        assertThat(image.image()).isEqualTo(BUILT);
        assertThat(image.pullPolicy()).isEqualTo("Never");
        assertThat(image.registry()).isEmpty();
    }

    @Test
    void withARegistryTheRegistryReferenceIsPulledIfNotPresentKeepingTheImageId() {
        WorkloadImage image = WorkloadImage.of(BUILT, NEVER, Optional.of(PUSHED));

        assertThat(image.ref()).isEqualTo(PULLED);
        assertThat(image.image().id()).isEqualTo(BUILT.id());
        assertThat(image.pullPolicy()).isEqualTo("IfNotPresent");
    }

    @Test
    void aFailedPullNamesTheRegistryAndTheReferenceNotTheNodesImport() {
        RolloutFailure pull = new RolloutFailure("svc-tax-5d8f-x2", "vps-4", "svc-tax", "ImagePullBackOff",
                "Back-off pulling image \"" + PULLED + "\"", false, false, List.of());

        assertThat(KubernetesDiagnoses.failure(ServiceName.of("svc-tax"), SVC_TAX, PULLED, pull, Optional.empty(), Optional.of(PUSHED),
                List.of()))
                .isEqualTo("service svc-tax: Deployment backend-mainnet/svc-tax did not roll out to " + PULLED + ": pod svc-tax-5d8f-x2 "
                        + "on node vps-4, container svc-tax: ImagePullBackOff: Back-off pulling image \"" + PULLED + "\"; node vps-4 "
                        + "could not pull " + PULLED + " from the registry 10.0.0.9:5000, where image-distributed reported it PUSHED "
                        + "(manifest sha256:" + "7d".repeat(32) + "): check that the node reaches 10.0.0.9:5000 and may pull from it "
                        + "(the workload's imagePullSecrets, or the node's registries.yaml for a plain-HTTP or private registry)");
    }

    @Test
    void aCrashOfAnImageFromTheRegistrySaysNothingAboutDistribution() {
        RolloutFailure crash = new RolloutFailure("svc-tax-5d8f-x2", "vps-1", "svc-tax", "CrashLoopBackOff",
                "exited with code 1 (Error), restarted 2 time(s)", true, true, List.of());

        assertThat(KubernetesDiagnoses.failure(ServiceName.of("svc-tax"), SVC_TAX, PULLED, crash, Optional.empty(), Optional.of(PUSHED),
                List.of("panic: config missing")))
                .endsWith("restarted 2 time(s); previous run's last log lines: \"panic: config missing\"");
    }
}
