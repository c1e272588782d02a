package dev.slipway.events.names;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A validated version; construction fails with {@link InvalidNameException} for anything else. */
public record Version(@JsonValue String value) {
    public Version {
        NamePattern.TAG.check("version", value);
    }

    @JsonCreator
    public static Version of(String value) {
        return new Version(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
