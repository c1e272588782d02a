package dev.slipway.cli.kafka;

import dev.slipway.record.ReleaseEvent;
import dev.slipway.events.BuildRequested;
import java.time.Instant;

/**
 * A release's BuildRequested found on its topic: the event, the time the broker stored it, and its place. The
 * release's later events are searched from {@link #earliestOfRelease()} on.
 */
public record ReleaseRequest(ReleaseEvent event, Instant recordTime, String topic, int partition, long offset) {
    /** Records of later stages are looked for from this long before the request (clocks of producers differ). */
    public static final java.time.Duration SKEW = java.time.Duration.ofMinutes(5);

    public BuildRequested buildRequested() {
        return event.as(BuildRequested.class);
    }

    /** Where to start reading later stages' topics: the earlier of the request's own time and its record's, less {@link #SKEW}. */
    public Instant earliestOfRelease() {
        Instant requested = buildRequested().requestedAt();
        return (requested.isBefore(recordTime) ? requested : recordTime).minus(SKEW);
    }
}
