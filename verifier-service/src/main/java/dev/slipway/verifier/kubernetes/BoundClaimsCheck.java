package dev.slipway.verifier.kubernetes;

import dev.slipway.events.CheckResult;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.verifier.check.Check;
import dev.slipway.verifier.decision.ClaimsExpectation;
import dev.slipway.verifier.decision.RolledOutRelease;
import dev.slipway.verifier.decision.ServiceWorkload;
import dev.slipway.verifier.decision.WorkloadState;
import dev.slipway.kubernetes.observed.ObservedClaim;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The pvcsBound check: every PersistentVolumeClaim of the service's workload (StatefulSet claim templates per
 * replica, and claims named by pod-template volumes) exists and is Bound.
 */
@Singleton
public class BoundClaimsCheck implements Check {
    private final ClusterReader cluster;

    @Inject
    public BoundClaimsCheck(ClusterReader cluster) {
        this.cluster = cluster;
    }

    @Override
    public String kind() {
        return ClaimsExpectation.KIND;
    }

    @Override
    public CheckResult run(CheckSpec spec, RolledOutRelease release) {
        ServiceWorkload.Lookup lookup = ServiceWorkload.find(release, spec.pvcsBound().service());
        if (lookup.workload().isEmpty()) {
            return ClusterRows.failed(spec, "every PersistentVolumeClaim of service " + spec.pvcsBound().service()
                    + "'s workload Bound", lookup.problem());
        }
        KubernetesRuntime runtime = lookup.workload().get().runtime();
        return ClusterRows.guarded(spec, ClaimsExpectation.expected(runtime), () -> {
            Optional<WorkloadState> state = WorkloadReadyCheck.read(cluster, runtime);
            List<ObservedClaim> claims = state.isEmpty() ? List.of()
                    : cluster.claims(runtime.namespace());
            return ClaimsExpectation.result(spec.name(), runtime, state, claims);
        });
    }
}
