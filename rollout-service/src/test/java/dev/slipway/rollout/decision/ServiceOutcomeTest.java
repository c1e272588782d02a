package dev.slipway.rollout.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.names.NodeName;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceOutcomeTest {
    private static NodeRollout node(String name, RolloutOutcome outcome) {
        return new NodeRollout(NodeName.of(name), outcome, "c", outcome == RolloutOutcome.ROLLED_OUT ? null : name + " went wrong");
    }

    @Test
    void onlyEveryNodeRolledOutIsRolledOut() {
        assertThat(ServiceOutcome.of(List.of(node("a", RolloutOutcome.ROLLED_OUT), node("b", RolloutOutcome.ROLLED_OUT))))
                .isEqualTo(RolloutOutcome.ROLLED_OUT);
    }

    @Test
    void nodesPassedOverBecauseTheImageDidNotReachThemDoNotStopARolledOutService() {
        assertThat(ServiceOutcome.of(List.of(node("a", RolloutOutcome.ROLLED_OUT), node("b", RolloutOutcome.SKIPPED))))
                .isEqualTo(RolloutOutcome.ROLLED_OUT);
        assertThat(ServiceOutcome.of(List.of(node("a", RolloutOutcome.SKIPPED), node("b", RolloutOutcome.SKIPPED))))
                .isEqualTo(RolloutOutcome.FAILED);
    }

    @Test
    void anyFailedNodeFailsTheService() {
        assertThat(ServiceOutcome.of(List.of(node("a", RolloutOutcome.ROLLED_BACK), node("b", RolloutOutcome.FAILED),
                node("c", RolloutOutcome.SKIPPED)))).isEqualTo(RolloutOutcome.FAILED);
    }

    @Test
    void nodesPutBackMakeTheServiceRolledBack() {
        assertThat(ServiceOutcome.of(List.of(node("a", RolloutOutcome.ROLLED_BACK), node("b", RolloutOutcome.SKIPPED))))
                .isEqualTo(RolloutOutcome.ROLLED_BACK);
    }

    @Test
    void noNodesIsAFailure() {
        assertThat(ServiceOutcome.of(List.of())).isEqualTo(RolloutOutcome.FAILED);
    }

    @Test
    void theSummaryPutsFailuresBeforeRollBacks() {
        assertThat(Diagnoses.summary(List.of(node("a", RolloutOutcome.ROLLED_BACK), node("b", RolloutOutcome.FAILED))))
                .isEqualTo("b went wrong; a went wrong");
        assertThat(Diagnoses.summary(List.of(node("a", RolloutOutcome.ROLLED_OUT)))).isNull();
    }
}
