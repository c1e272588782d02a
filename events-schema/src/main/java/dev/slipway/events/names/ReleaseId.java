package dev.slipway.events.names;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A validated release id; construction fails with {@link InvalidNameException} for anything else. */
public record ReleaseId(@JsonValue String value) {
    public ReleaseId {
        NamePattern.RELEASE_ID.check("release id", value);
    }

    @JsonCreator
    public static ReleaseId of(String value) {
        return new ReleaseId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
