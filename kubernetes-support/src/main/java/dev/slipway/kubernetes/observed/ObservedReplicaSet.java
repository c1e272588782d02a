package dev.slipway.kubernetes.observed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/** A ReplicaSet as the rollout reads it: its metadata (owner, revision annotation) and its pod template, whole. */
public record ObservedReplicaSet(ObjectMeta metadata, Spec spec) {
    public record Spec(Integer replicas, ObjectNode template) {}

    /** The pod template; null when it has none. */
    public ObjectNode template() {
        return spec == null ? null : spec.template();
    }
}
