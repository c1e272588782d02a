package dev.slipway.stage;

/** Where a stage writes its CDEvents: one structured CloudEvent per record, key = release id. */
public interface CDEventsTopic {
    /** Writes one record and returns once the broker has it; throws when the write fails. */
    void send(String releaseId, byte[] structuredCloudEvent);

    /** The topic's name, for the log. */
    String name();
}
