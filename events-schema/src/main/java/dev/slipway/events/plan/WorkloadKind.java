package dev.slipway.events.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kind of Kubernetes workload a service maps to. */
public enum WorkloadKind {
    @JsonProperty("Deployment")
    DEPLOYMENT("Deployment"),
    @JsonProperty("StatefulSet")
    STATEFUL_SET("StatefulSet");

    private final String kubernetesKind;

    WorkloadKind(String kubernetesKind) {
        this.kubernetesKind = kubernetesKind;
    }

    /** The kind as Kubernetes spells it. */
    public String kubernetesKind() {
        return kubernetesKind;
    }
}
