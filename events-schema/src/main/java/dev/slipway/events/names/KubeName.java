package dev.slipway.events.names;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A validated Kubernetes object name (namespace, workload, container, claim): a DNS-1123 label. */
public record KubeName(@JsonValue String value) {
    public KubeName {
        NamePattern.DNS_LABEL.check("Kubernetes name", value);
    }

    @JsonCreator
    public static KubeName of(String value) {
        return new KubeName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
