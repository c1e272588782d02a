package dev.slipway.rollout.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.rollout.testing.Events;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkippedRolloutTest {
    private final ServicePlan api = Events.service("api", ContainerName.of("example-api"), 18080);

    @Test
    void aFailedDistributionIsSkippedNamingTheFailedNodes() {
        ImageDistributed failed = new ImageDistributed(Events.release("example-1", "1.0.0", api, RolloutPolicy.DEFAULT), api,
                StageOutcome.FAILED, Events.image(api, "1.0.0", Events.fakeId('a')),
                List.of(new NodeResult(NodeName.of("vps-1"), NodeOutcome.IMPORTED, 10, 1, null),
                        new NodeResult(NodeName.of("vps-4"), NodeOutcome.FAILED, 0, 1, "ctr: content digest not found")),
                "1 of 2 nodes failed");
        RolloutDone done = SkippedRollout.of(failed);
        assertThat(done.outcome()).isEqualTo(RolloutOutcome.SKIPPED);
        assertThat(done.diagnosis()).isEqualTo("not rolled out: distribution of api failed: 1 of 2 nodes failed; "
                + "failed nodes: vps-4 (ctr: content digest not found)");
        assertThat(EventCodec.instance().validate(EventType.ROLLOUT_DONE, EventCodec.instance().encode(done))).isNull();
    }

    @Test
    void aFailedBuildPassedOnWithoutImageOrNodesIsSkippedToo() {
        ImageDistributed failed = new ImageDistributed(Events.release("example-1", "1.0.0", api, RolloutPolicy.DEFAULT), api,
                StageOutcome.FAILED, null, List.of(), "build failed: COPY failed: no such file");
        RolloutDone done = SkippedRollout.of(failed);
        assertThat(done.diagnosis()).isEqualTo("not rolled out: distribution of api failed: build failed: COPY failed: no such file");
        assertThat(done.nodes()).isEmpty();
        assertThat(EventCodec.instance().validate(EventType.ROLLOUT_DONE, EventCodec.instance().encode(done))).isNull();
    }
}
