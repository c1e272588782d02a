package dev.slipway.verifier.kubernetes;

import dev.slipway.events.CheckResult;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.events.plan.WorkloadKind;
import dev.slipway.verifier.check.Check;
import dev.slipway.verifier.decision.RolledOutRelease;
import dev.slipway.verifier.decision.ServiceWorkload;
import dev.slipway.verifier.decision.WorkloadExpectation;
import dev.slipway.verifier.decision.WorkloadState;
import dev.slipway.kubernetes.observed.ObservedPod;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The workload check: the service's Deployment or StatefulSet (from its plan's {@code kubernetes}) is rolled
 * out and ready, its container at the image of this release's RolloutDone in the template and every pod.
 */
@Singleton
public class WorkloadReadyCheck implements Check {
    private final ClusterReader cluster;

    @Inject
    public WorkloadReadyCheck(ClusterReader cluster) {
        this.cluster = cluster;
    }

    @Override
    public String kind() {
        return WorkloadExpectation.KIND;
    }

    @Override
    public CheckResult run(CheckSpec spec, RolledOutRelease release) {
        ServiceWorkload.Lookup lookup = ServiceWorkload.find(release, spec.workload().service());
        if (lookup.workload().isEmpty()) {
            return ClusterRows.failed(spec, "service " + spec.workload().service() + "'s workload ready at the release's image",
                    lookup.problem());
        }
        ServiceWorkload workload = lookup.workload().get();
        KubernetesRuntime runtime = workload.runtime();
        return ClusterRows.guarded(spec, WorkloadExpectation.expected(runtime, workload.image()), () -> {
            Optional<WorkloadState> state = read(cluster, runtime);
            List<ObservedPod> pods = state.map(s -> cluster.pods(runtime.namespace(), s.selector())).orElse(List.of());
            return WorkloadExpectation.result(spec.name(), runtime, workload.image(), state, pods);
        });
    }

    static Optional<WorkloadState> read(ClusterReader cluster, KubernetesRuntime runtime) {
        return runtime.kind() == WorkloadKind.STATEFUL_SET
                ? cluster.statefulSet(runtime.namespace(), runtime.name()).map(WorkloadState::of)
                : cluster.deployment(runtime.namespace(), runtime.name()).map(WorkloadState::of);
    }
}
