package dev.slipway.cli.kafka;

import dev.slipway.events.EventType;
import java.time.Instant;

/** An event of the contract read back from a topic: its type, subject (the release id), time and decoded record. */
public record ReleaseEvent(EventType type, String subject, Instant time, Object event) {
    public <T> T as(Class<T> recordType) {
        return recordType.cast(event);
    }
}
