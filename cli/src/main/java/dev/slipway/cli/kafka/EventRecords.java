package dev.slipway.cli.kafka;

import dev.slipway.record.ReleaseEvent;
import dev.slipway.record.kafka.EventRecordReader;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reads CloudEvents records of the contract back into events, with the CloudEvents SDK and the schema checks. */
public final class EventRecords {
    private EventRecords() {}

    /**
     * What identifies the event a record carries: its {@code ce_source} and {@code ce_id} headers. A
     * redelivered stage writes its event again with the same id, so two records with the same identity
     * are one event. Null for a record without an id.
     */
    public static String identityOf(ConsumerRecord<String, byte[]> record) {
        Header id = record.headers().lastHeader("ce_id");
        Header source = record.headers().lastHeader("ce_source");
        if (id == null) {
            return null;
        }
        return (source == null ? "" : new String(source.value(), java.nio.charset.StandardCharsets.UTF_8)) + " "
                + new String(id.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The release a record belongs to: its {@code ce_subject} header, else its key; null when it has neither. */
    public static String releaseOf(ConsumerRecord<String, byte[]> record) {
        Header subject = record.headers().lastHeader("ce_subject");
        if (subject != null && subject.value() != null) {
            return new String(subject.value(), StandardCharsets.UTF_8);
        }
        return record.key();
    }

    /** The event in the record; {@link dev.slipway.events.InvalidEventException} saying why when it is not a valid event of the contract. */
    public static ReleaseEvent decode(ConsumerRecord<String, byte[]> record) {
        return EventRecordReader.decode(record);
    }
}
