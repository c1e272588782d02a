package dev.slipway.rollout.messaging;

import dev.slipway.events.EventType;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.InvalidEventException;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.messaging.SlipwayMessages;
import dev.slipway.rollout.RolloutStage;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * image-distributed → rollout-done: one RolloutDone per ImageDistributed. Services roll out in
 * parallel (unordered blocking); an invalid record is nacked to the dead-letter topic; the input is
 * acknowledged only after the RolloutDone is on the broker.
 */
@ApplicationScoped
public class ImageDistributedProcessor {
    static final URI SOURCE = URI.create("/slipway/rollout");

    @Inject
    @Channel("rollout-done")
    MutinyEmitter<String> rolloutDone;

    @Inject
    RolloutStage stage;

    @Incoming("image-distributed")
    @Blocking(ordered = false)
    public CompletionStage<Void> onImageDistributed(Message<String> message) {
        ImageDistributed distributed;
        try {
            distributed = SlipwayMessages.decode(message, EventType.IMAGE_DISTRIBUTED);
        } catch (InvalidEventException e) {
            return message.nack(e);
        }
        RolloutDone done = stage.roll(distributed);
        SlipwayMessages.publish(rolloutDone, done, distributed.release().releaseId(), SOURCE);
        return message.ack();
    }
}
