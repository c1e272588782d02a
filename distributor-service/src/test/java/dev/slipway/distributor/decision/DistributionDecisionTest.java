package dev.slipway.distributor.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.distributor.TestEvents;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.DistributionPolicy;
import dev.slipway.events.plan.NodeFailurePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionDecisionTest {
    private static final NodeName A = NodeName.of("node-a");
    private static final NodeName B = NodeName.of("node-b");
    private static final NodeName C = NodeName.of("node-c");
    private static final ReleaseId RELEASE = ReleaseId.of("example-1.0-abc");
    private static final ServiceName API = ServiceName.of("api");

    @Test
    void sendsOnlyToNodesThatAnsweredAndLackTheImage() {
        List<NodeCheck> checks = List.of(NodeCheck.holds(A), NodeCheck.lacks(B), NodeCheck.unreachable(C, "down"));

        assertThat(DistributionDecision.nodesNeedingImage(checks)).extracting(NodeCheck::node).containsExactly(B);
        assertThat(DistributionDecision.nodesHoldingImage(checks)).extracting(NodeCheck::node).containsExactly(A);
        assertThat(DistributionDecision.unreachableNodes(checks)).extracting(NodeCheck::node).containsExactly(C);
    }

    @Test
    void nothingIsSentWhenEveryNodeHoldsTheImage() {
        assertThat(DistributionDecision.nodesNeedingImage(List.of(NodeCheck.holds(A), NodeCheck.holds(B)))).isEmpty();
    }

    @Test
    void serviceSucceedsWhenNoNodeFailed() {
        ServiceOutcome outcome = DistributionDecision.outcome(RELEASE, API, List.of(
                new NodeResult(A, NodeOutcome.ALREADY_PRESENT, 0, 3, null),
                new NodeResult(B, NodeOutcome.IMPORTED, 2048, 140, null)));

        assertThat(outcome).isEqualTo(ServiceOutcome.succeeded());
    }

    @Test
    void serviceFailsNamingEveryFailedNodeAndWhy() {
        ServiceOutcome outcome = DistributionDecision.outcome(RELEASE, API, List.of(
                new NodeResult(A, NodeOutcome.IMPORTED, 2048, 140, null),
                new NodeResult(B, NodeOutcome.FAILED, 0, 5, "node node-b: cannot reach the docker node"),
                new NodeResult(C, NodeOutcome.FAILED, 100, 9, "node node-c: importing failed: no space left on device")));

        assertThat(outcome.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(outcome.error())
                .startsWith("release example-1.0-abc: the image of api is not on 2 of 3 nodes (node-b, node-c): ")
                .contains("cannot reach the docker node", "no space left on device")
                .contains("release again");
    }

    @Test
    void aReleaseThatToleratesNodeFailuresGoesOnWithTheNodesThatHoldTheImage() {
        List<NodeResult> results = List.of(
                new NodeResult(A, NodeOutcome.IMPORTED, 2048, 140, null),
                new NodeResult(B, NodeOutcome.FAILED, 0, 5, "node node-b: cannot reach the docker node"));
        DistributionPolicy tolerant = new DistributionPolicy(NodeFailurePolicy.CONTINUE);

        assertThat(DistributionDecision.outcome(RELEASE, API, results, tolerant)).isEqualTo(ServiceOutcome.succeeded());
        assertThat(DistributionDecision.outcome(RELEASE, API, results, DistributionPolicy.DEFAULT).outcome())
                .isEqualTo(StageOutcome.FAILED);
    }

    @Test
    void evenATolerantReleaseFailsWhenEveryNodeFailed() {
        ServiceOutcome outcome = DistributionDecision.outcome(RELEASE, API, List.of(
                new NodeResult(A, NodeOutcome.FAILED, 0, 5, "node node-a: no space left on device"),
                new NodeResult(B, NodeOutcome.FAILED, 0, 5, "node node-b: cannot reach the docker node")),
                new DistributionPolicy(NodeFailurePolicy.CONTINUE));

        assertThat(outcome.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(outcome.error()).contains("is not on 2 of 2 nodes (node-a, node-b)");
    }

    @Test
    void serviceWithoutAnyNodeResultIsNeverASuccess() {
        assertThat(DistributionDecision.outcome(RELEASE, API, List.of()).outcome()).isEqualTo(StageOutcome.FAILED);
    }

    @Test
    void failedBuildIsPassedThroughWithTheBuildersError() {
        ImageBuilt failed = TestEvents.failedBuild("example-1.0-abc", "api", "COPY failed: file not found: app.jar");

        ImageDistributed distributed = Distributions.passThrough(failed);

        assertThat(distributed.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(distributed.nodes()).isEmpty();
        assertThat(distributed.error()).isEqualTo("not distributed: the build of api failed: COPY failed: file not found: app.jar");
        assertThat(distributed.release()).isEqualTo(failed.release());
        assertThat(distributed.service()).isEqualTo(failed.service());
    }

    @Test
    void distributedEventCarriesTheImageAndTheNodeResults() {
        ImageBuilt built = TestEvents.built("example-1.0-abc", "api", ImageRef.parse("example/api:1.0"), TestEvents.id('a'));
        List<NodeResult> results = List.of(new NodeResult(A, NodeOutcome.IMPORTED, 2048, 140, null));

        ImageDistributed distributed = Distributions.distributed(built, results);

        assertThat(distributed.outcome()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(distributed.image()).isEqualTo(built.image());
        assertThat(distributed.nodes()).isEqualTo(results);
        assertThat(distributed.error()).isNull();
    }
}
