package dev.slipway.events.names;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A validated release name; construction fails with {@link InvalidNameException} for anything else. */
public record ReleaseName(@JsonValue String value) {
    public ReleaseName {
        NamePattern.DNS_LABEL.check("release name", value);
    }

    @JsonCreator
    public static ReleaseName of(String value) {
        return new ReleaseName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
