package dev.slipway.verifier.messaging;

import dev.slipway.events.EventType;
import dev.slipway.events.InvalidEventException;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.messaging.SlipwayMessages;
import dev.slipway.verifier.stage.VerificationStage;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * rollout-done → verified. A record that is not a valid RolloutDone, or one that does not fit its
 * release, is nacked to the dead-letter topic with the reason; the next record is processed.
 */
@ApplicationScoped
public class RolloutDoneProcessor {
    private static final Logger LOG = Logger.getLogger(RolloutDoneProcessor.class);

    @Inject
    VerificationStage stage;

    @Incoming("rollout-done")
    @Blocking
    public CompletionStage<Void> onRolloutDone(Message<String> message) {
        try {
            RolloutDone done = SlipwayMessages.decode(message, EventType.ROLLOUT_DONE);
            stage.handle(done);
        } catch (InvalidEventException e) {
            LOG.warnf("rollout-done record sent to the dead-letter topic: %s", e.getMessage());
            return message.nack(e);
        }
        return message.ack();
    }
}
