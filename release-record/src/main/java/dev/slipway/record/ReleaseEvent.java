package dev.slipway.record;

import dev.slipway.events.EventType;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.RolloutDone;
import java.time.Instant;
import java.util.Optional;

/** An event of the contract read back from a topic: its type, subject (the release id), time and decoded record. */
public record ReleaseEvent(EventType type, String subject, Instant time, Object event) {
    public <T> T as(Class<T> recordType) {
        return recordType.cast(event);
    }

    /** The service a per-service event is about (image-built, image-distributed, rollout-done); empty for the others. */
    public Optional<String> service() {
        return Optional.ofNullable(switch (type) {
            case IMAGE_BUILT -> as(ImageBuilt.class).service().name().value();
            case IMAGE_DISTRIBUTED -> as(ImageDistributed.class).service().name().value();
            case ROLLOUT_DONE -> as(RolloutDone.class).service().name().value();
            default -> null;
        });
    }
}
