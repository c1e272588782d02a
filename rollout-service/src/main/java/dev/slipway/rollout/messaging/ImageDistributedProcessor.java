package dev.slipway.rollout.messaging;

import dev.slipway.events.EventType;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.RolloutDone;
import dev.slipway.rollout.RolloutStage;
import dev.slipway.stage.Output;
import dev.slipway.stage.StageProcessor;
import dev.slipway.stage.StageStep;
import dev.slipway.stage.metrics.StageMetrics;
import dev.slipway.rollout.metrics.RolloutMetrics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * image-distributed → rollout-done: one RolloutDone per ImageDistributed, through the shared
 * {@link StageProcessor} (invalid input dead-lettered, any error a FAILED RolloutDone, publish retried,
 * then ack). Services roll out in parallel (unordered blocking).
 */
@ApplicationScoped
public class ImageDistributedProcessor {
    static final URI SOURCE = URI.create("/slipway/rollout");

    @Inject
    @Channel("rollout-done")
    MutinyEmitter<String> rolloutDone;

    @Inject
    RolloutStage stage;

    @Inject
    StageProcessor processor;

    @Inject
    StageMetrics metrics;

    @Inject
    RolloutMetrics failures;

    void startCounters(@Observes StartupEvent start) {
        metrics.expect(EventType.IMAGE_DISTRIBUTED, RolloutDone.class);
        failures.expectFailures();
    }

    @Incoming("image-distributed")
    @Blocking(ordered = false)
    public CompletionStage<Void> onImageDistributed(Message<String> message) {
        return processor.<ImageDistributed>process(metrics.tracked(message, EventType.IMAGE_DISTRIBUTED), EventType.IMAGE_DISTRIBUTED,
                new Output(rolloutDone, "rollout-done", SOURCE), distributed -> distributed.release().releaseId(),
                distributed -> List.of(metrics.counted(StageStep.of("service " + distributed.service().name(),
                        () -> failures.recorded(stage.roll(distributed)),
                        error -> failures.recorded(stage.stopped(distributed, error))))));
    }
}
