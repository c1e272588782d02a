package dev.slipway.rollout.messaging;

import dev.slipway.events.EventType;
import dev.slipway.events.ImageDistributed;
import dev.slipway.rollout.RolloutStage;
import dev.slipway.stage.Output;
import dev.slipway.stage.StageProcessor;
import dev.slipway.stage.StageStep;
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

    @Incoming("image-distributed")
    @Blocking(ordered = false)
    public CompletionStage<Void> onImageDistributed(Message<String> message) {
        return processor.<ImageDistributed>process(message, EventType.IMAGE_DISTRIBUTED,
                new Output(rolloutDone, "rollout-done", SOURCE), distributed -> distributed.release().releaseId(),
                distributed -> List.of(StageStep.of("service " + distributed.service().name(),
                        () -> stage.roll(distributed), error -> stage.stopped(distributed, error))));
    }
}
