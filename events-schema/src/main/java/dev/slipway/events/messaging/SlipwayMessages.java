package dev.slipway.events.messaging;

import dev.slipway.events.EventCodec;
import dev.slipway.events.EventIds;
import dev.slipway.events.EventType;
import dev.slipway.events.InvalidEventException;
import dev.slipway.events.names.ReleaseId;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The envelope of every event a Quarkus stage reads or writes: CloudEvents 1.0 in binary mode
 * ({@code ce_*} headers), JSON data validated against the event's schema, record key and
 * {@code subject} both the release id, {@code id} derived from the event ({@link EventIds}) so that a
 * duplicate has the id of its original. The CLI writes the same headers with the CloudEvents SDK.
 */
public final class SlipwayMessages {
    /**
     * Logs each accepted input as "received TYPE ID for release RELEASE (decoded and validated in N ms)": when a
     * stage starts its work.
     */
    private static final Logger RECEIVED = Logger.getLogger("dev.slipway.events.received");

    private SlipwayMessages() {}

    /** A message carrying {@code event}, ready for an outgoing channel in {@code cloud-events-mode=binary}. */
    public static Message<String> outgoing(Object event, ReleaseId releaseId, URI source) {
        EventType type = EventType.of(event.getClass());
        String json = EventCodec.instance().encode(event);
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(EventIds.of(event))
                .withSpecVersion(EventType.SPEC_VERSION)
                .withType(type.type())
                .withSource(source)
                .withSubject(releaseId.value())
                .withDataContentType(EventType.DATA_CONTENT_TYPE)
                .withDataSchema(type.dataSchema())
                .withTimestamp(ZonedDateTime.now())
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(releaseId.value())
                .build();
        return Message.of(json).addMetadata(cloudEvent).addMetadata(record);
    }

    /**
     * Sends {@code event} and returns once the broker has it, so a stage acknowledges its input only
     * after its output is safely written (at least once). Throws when the send fails.
     */
    public static void publish(MutinyEmitter<String> emitter, Object event, ReleaseId releaseId, URI source) {
        emitter.sendMessageAndAwait(outgoing(event, releaseId, source));
    }

    /**
     * The event in {@code message}, which must be a CloudEvent of the {@code expected} type valid
     * against its schema; otherwise {@link InvalidEventException} saying what is wrong.
     */
    public static <T> T decode(Message<String> message, EventType expected) {
        long started = System.nanoTime();
        Optional<IncomingCloudEventMetadata> cloudEvent = message.getMetadata(IncomingCloudEventMetadata.class);
        if (cloudEvent.isEmpty()) {
            throw new InvalidEventException("record is not a CloudEvent: no ce_specversion/ce_type headers (expected "
                    + expected.type() + " in binary mode)");
        }
        String type = cloudEvent.get().getType();
        if (!expected.type().equals(type)) {
            throw new InvalidEventException("record has CloudEvents type '" + type + "', this topic carries "
                    + expected.type());
        }
        T event = EventCodec.instance().decode(expected, message.getPayload());
        long took = System.nanoTime() - started;
        RECEIVED.info(() -> "received " + type + " " + cloudEvent.get().getId() + " for release "
                + cloudEvent.get().getSubject().orElse("?")
                + String.format(java.util.Locale.ROOT, " (decoded and validated in %.2f ms)", took / 1e6));
        return event;
    }
}
