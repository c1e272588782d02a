package dev.slipway.record.kafka;

import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.InvalidEventException;
import dev.slipway.record.ReleaseEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads a CloudEvents record of the contract (binary mode) back into a {@link ReleaseEvent}, with the schema checks: for the CLI and the console. */
public final class EventRecordReader {
    private EventRecordReader() {}

    /** The event in the record; {@link InvalidEventException} saying why when it is not a valid event of the contract. */
    public static ReleaseEvent decode(ConsumerRecord<String, byte[]> record) {
        CloudEvent cloudEvent;
        try {
            cloudEvent = KafkaMessageFactory.createReader(record).toEvent();
        } catch (CloudEventRWException | IllegalStateException e) {
            throw new InvalidEventException("record is not a CloudEvent in binary mode: " + e.getMessage(), e);
        }
        EventType type = EventType.ofType(cloudEvent.getType());
        if (cloudEvent.getData() == null) {
            throw new InvalidEventException("record of type " + type.type() + " has no data");
        }
        Object event = EventCodec.instance().decode(type, new String(cloudEvent.getData().toBytes(), StandardCharsets.UTF_8));
        Instant time = cloudEvent.getTime() != null ? cloudEvent.getTime().toInstant() : Instant.ofEpochMilli(record.timestamp());
        return new ReleaseEvent(type, cloudEvent.getSubject() != null ? cloudEvent.getSubject() : record.key(), time, event);
    }
}
