package dev.slipway.events.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The container's imagePullPolicy: {@code Never} for images imported on every node (no registry),
 * {@code IfNotPresent} for registry images.
 */
public enum PullPolicy {
    @JsonProperty("Never")
    NEVER("Never"),
    @JsonProperty("IfNotPresent")
    IF_NOT_PRESENT("IfNotPresent"),
    @JsonProperty("Always")
    ALWAYS("Always");

    private final String kubernetesValue;

    PullPolicy(String kubernetesValue) {
        this.kubernetesValue = kubernetesValue;
    }

    public String kubernetesValue() {
        return kubernetesValue;
    }
}
