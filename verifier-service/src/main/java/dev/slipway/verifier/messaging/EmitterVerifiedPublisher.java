package dev.slipway.verifier.messaging;

import dev.slipway.events.Verified;
import dev.slipway.events.messaging.SlipwayMessages;
import dev.slipway.verifier.stage.VerifiedPublisher;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes Verified on the {@code verified} channel as a CloudEvent in binary mode, key and
 * subject = release id. Its CloudEvents id is {@code <release-id>/verified}: the one Verified of a
 * release has one id, so should a crash between sending and recording it ever send it twice, the
 * copy is the same event (same source and id) for any consumer.
 */
@Singleton
public class EmitterVerifiedPublisher implements VerifiedPublisher {
    public static final URI SOURCE = URI.create("/slipway/verifier");

    @Inject
    @Channel("verified")
    MutinyEmitter<String> verified;

    @Override
    public void publish(Verified event) {
        Message<String> message = SlipwayMessages.outgoing(event, event.releaseId(), SOURCE);
        OutgoingCloudEventMetadata<?> cloudEvent = message.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
        OutgoingCloudEventMetadata<Object> withReleaseId = OutgoingCloudEventMetadata.from(cast(cloudEvent))
                .withId(eventId(event))
                .build();
        verified.sendMessageAndAwait(message.addMetadata(withReleaseId));
    }

    static String eventId(Verified event) {
        return event.releaseId().value() + "/verified";
    }

    @SuppressWarnings("unchecked")
    private static OutgoingCloudEventMetadata<Object> cast(OutgoingCloudEventMetadata<?> metadata) {
        return (OutgoingCloudEventMetadata<Object>) metadata;
    }
}
