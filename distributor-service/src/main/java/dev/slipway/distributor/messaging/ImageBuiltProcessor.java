package dev.slipway.distributor.messaging;

import dev.slipway.distributor.decision.Distributions;
import dev.slipway.distributor.stage.DistributionStage;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.InvalidEventException;
import dev.slipway.events.messaging.SlipwayMessages;
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
import org.jboss.logging.Logger;

/**
 * image-built → image-distributed: one ImageDistributed per ImageBuilt, acknowledged only once the
 * output is on the broker. Several services are distributed at once ({@code ordered = false}). A record
 * that is not a valid ImageBuilt is nacked, so it goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class ImageBuiltProcessor {
    static final URI SOURCE = URI.create("/slipway/distributor");
    private static final Logger LOG = Logger.getLogger(ImageBuiltProcessor.class);

    @Inject
    DistributionStage stage;

    @Inject
    @Channel("image-distributed")
    MutinyEmitter<String> out;

    @Incoming("image-built")
    @Blocking(ordered = false)
    public CompletionStage<Void> onImageBuilt(Message<String> message) {
        ImageBuilt built;
        try {
            built = SlipwayMessages.decode(message, EventType.IMAGE_BUILT);
        } catch (InvalidEventException e) {
            LOG.warnf("image-built record sent to the dead-letter topic: %s", e.getMessage());
            return message.nack(e);
        }
        SlipwayMessages.publish(out, distribute(built), built.release().releaseId(), SOURCE);
        return message.ack();
    }

    private ImageDistributed distribute(ImageBuilt built) {
        try {
            return stage.distribute(built);
        } catch (RuntimeException e) {
            LOG.errorf(e, "release %s service %s: distribution stopped", built.release().releaseId(), built.service().name());
            return Distributions.stopped(built, List.of(), e.toString());
        }
    }
}
