package dev.slipway.stage.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.EventType;
import dev.slipway.events.RolloutDone;
import dev.slipway.stage.StageStep;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

class StageMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StageMetrics metrics = new StageMetrics(registry);

    @Test
    void startsEveryOutcomeAndTheDeadLettersOfItsTopicAtZero() {
        metrics.expect(EventType.IMAGE_DISTRIBUTED, RolloutDone.class);

        assertThat(registry.find(MetricNames.STAGE_OUTCOMES).counters()).extracting(c -> c.getId().getTag("outcome"))
                .containsExactlyInAnyOrder("ROLLED_OUT", "ROLLED_BACK", "FAILED", "SKIPPED");
        assertThat(registry.get(MetricNames.DEAD_LETTERED).tag("topic", "slipway.image-distributed").counter().count()).isZero();
    }

    @Test
    void anAcknowledgedRecordIsTimedAndANackedOneCountsAsADeadLetter() {
        AtomicInteger acks = new AtomicInteger();
        AtomicInteger nacks = new AtomicInteger();
        Message<String> record = Message.of("x", () -> {
            acks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, reason -> {
            nacks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });

        Message<String> first = metrics.tracked(record, EventType.BUILD_REQUESTED);
        Message<String> second = metrics.tracked(record, EventType.BUILD_REQUESTED);
        assertThat(registry.get(MetricNames.IN_PROGRESS).gauge().value()).isEqualTo(2);
        first.ack();
        second.nack(new IllegalArgumentException("not a CloudEvent"));

        assertThat(acks).hasValue(1);
        assertThat(nacks).hasValue(1);
        assertThat(registry.get(MetricNames.STAGE_DURATION).tag("topic", "slipway.build-requested").timer().count()).isEqualTo(1);
        assertThat(registry.get(MetricNames.DEAD_LETTERED).tag("topic", "slipway.build-requested").counter().count()).isEqualTo(1);
        assertThat(registry.get(MetricNames.IN_PROGRESS).gauge().value()).isZero();
    }

    @Test
    void aCountedStepCountsTheOutcomeOfItsEventOrOfItsFailedEvent() {
        StageStep step = metrics.counted(StageStep.of("service api", () -> {
            throw new IllegalStateException("engine gone");
        }, error -> new dev.slipway.events.Verified(null, null, null, dev.slipway.events.Verdict.FAILED,
                java.util.List.of(), java.util.List.of(), error.getMessage())));

        assertThatThrownBy(() -> step.work().get()).hasMessage("engine gone");
        step.failed().apply(new IllegalStateException("engine gone"));

        assertThat(registry.get(MetricNames.STAGE_OUTCOMES).tag("outcome", "FAILED").counter().count()).isEqualTo(1);
    }

    @Test
    void theStageLabelComesFromTheApplicationName() {
        assertThat(StageName.ofApplication("slipway-rollout").value()).isEqualTo("rollout");
        assertThat(StageName.ofApplication("distributor-service").value()).isEqualTo("distributor");
        assertThatThrownBy(() -> StageName.ofApplication("Slipway Rollout; drop")).isInstanceOf(IllegalArgumentException.class);
    }
}
