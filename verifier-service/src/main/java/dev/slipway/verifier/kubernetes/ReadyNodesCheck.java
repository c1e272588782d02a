package dev.slipway.verifier.kubernetes;

import dev.slipway.events.CheckResult;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.verifier.check.Check;
import dev.slipway.verifier.decision.NodesExpectation;
import dev.slipway.verifier.decision.RolledOutRelease;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The nodesReady check: every node of the cluster, or every named node, is Ready. */
@Singleton
public class ReadyNodesCheck implements Check {
    private final ClusterReader cluster;

    @Inject
    public ReadyNodesCheck(ClusterReader cluster) {
        this.cluster = cluster;
    }

    @Override
    public String kind() {
        return NodesExpectation.KIND;
    }

    @Override
    public CheckResult run(CheckSpec spec, RolledOutRelease release) {
        return ClusterRows.guarded(spec, NodesExpectation.expected(spec.nodesReady()),
                () -> NodesExpectation.result(spec.name(), spec.nodesReady(), cluster.nodes()));
    }
}
