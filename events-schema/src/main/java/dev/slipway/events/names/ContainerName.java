package dev.slipway.events.names;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A validated container name; construction fails with {@link InvalidNameException} for anything else. */
public record ContainerName(@JsonValue String value) {
    public ContainerName {
        NamePattern.CONTAINER.check("container name", value);
    }

    @JsonCreator
    public static ContainerName of(String value) {
        return new ContainerName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
