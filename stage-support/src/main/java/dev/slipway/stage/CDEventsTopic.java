package dev.slipway.stage;

import java.util.List;

/** Where a stage writes its CDEvents: one structured CloudEvent per record, key = release id. */
public interface CDEventsTopic {
    /**
     * Writes one record per event, in order, and returns once the broker has them all; throws when a write fails (the
     * caller sends them all again: same ids, so a consumer sees duplicates, not different events).
     */
    void send(String releaseId, List<byte[]> structuredCloudEvents);

    /** Fetches the topic's metadata, so that the first send does not wait for it; never throws. */
    void warmUp();

    /** The topic's name, for the log. */
    String name();
}
