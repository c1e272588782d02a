package dev.slipway.events.names;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A validated service name; construction fails with {@link InvalidNameException} for anything else. */
public record ServiceName(@JsonValue String value) {
    public ServiceName {
        NamePattern.DNS_LABEL.check("service name", value);
    }

    @JsonCreator
    public static ServiceName of(String value) {
        return new ServiceName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
