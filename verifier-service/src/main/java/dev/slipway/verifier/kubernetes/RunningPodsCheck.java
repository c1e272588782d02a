package dev.slipway.verifier.kubernetes;

import dev.slipway.events.CheckResult;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.PodsRunningCheck;
import dev.slipway.verifier.check.Check;
import dev.slipway.verifier.decision.PodsExpectation;
import dev.slipway.verifier.decision.RolledOutRelease;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The podsRunning check: at least minCount pods matching the selector run with every container ready. */
@Singleton
public class RunningPodsCheck implements Check {
    private final ClusterReader cluster;

    @Inject
    public RunningPodsCheck(ClusterReader cluster) {
        this.cluster = cluster;
    }

    @Override
    public String kind() {
        return PodsExpectation.KIND;
    }

    @Override
    public CheckResult run(CheckSpec spec, RolledOutRelease release) {
        PodsRunningCheck pods = spec.podsRunning();
        return ClusterRows.guarded(spec, PodsExpectation.expected(pods),
                () -> PodsExpectation.result(spec.name(), pods, cluster.pods(pods.namespace(), pods.selector())));
    }
}
