package dev.slipway.events.names;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A validated node name; construction fails with {@link InvalidNameException} for anything else. */
public record NodeName(@JsonValue String value) {
    public NodeName {
        NamePattern.DNS_SUBDOMAIN.check("node name", value);
    }

    @JsonCreator
    public static NodeName of(String value) {
        return new NodeName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
