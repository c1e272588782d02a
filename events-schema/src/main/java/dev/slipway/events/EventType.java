package dev.slipway.events;

import java.net.URI;

/**
 * The five CloudEvents types of the contract, in pipeline order: the type string, the logical
 * channel (also the default topic's suffix), the record and the JSON Schema for each.
 */
public enum EventType {
    BUILD_REQUESTED("dev.slipway.build.requested.v1", "build-requested", BuildRequested.class),
    IMAGE_BUILT("dev.slipway.image.built.v1", "image-built", ImageBuilt.class),
    IMAGE_DISTRIBUTED("dev.slipway.image.distributed.v1", "image-distributed", ImageDistributed.class),
    ROLLOUT_DONE("dev.slipway.rollout.done.v1", "rollout-done", RolloutDone.class),
    VERIFIED("dev.slipway.release.verified.v1", "verified", Verified.class);

    /** Base of every schema's {@code $id}; mapped to the classpath folder {@code schemas/}. */
    public static final String SCHEMA_BASE = "https://slipway.dev/schemas/v1/";
    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";

    private final String type;
    private final String channel;
    private final Class<?> recordType;

    EventType(String type, String channel, Class<?> recordType) {
        this.type = type;
        this.channel = channel;
        this.recordType = recordType;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    /** The logical channel name, e.g. {@code image-built}. */
    public String channel() {
        return channel;
    }

    public Class<?> recordType() {
        return recordType;
    }

    /** The CloudEvents {@code dataschema} attribute and the schema's {@code $id}. */
    public URI dataSchema() {
        return URI.create(SCHEMA_BASE + channel + ".schema.json");
    }

    public static EventType ofType(String type) {
        for (EventType candidate : values()) {
            if (candidate.type.equals(type)) {
                return candidate;
            }
        }
        throw new InvalidEventException("unknown CloudEvents type '" + type + "'");
    }

    public static EventType of(Class<?> recordType) {
        for (EventType candidate : values()) {
            if (candidate.recordType.equals(recordType)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(recordType + " is not an event of the contract");
    }
}
