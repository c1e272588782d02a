package dev.slipway.kubernetes.observed;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Optional;

/** A node as the rollout and the verifier read it: its name and its status's conditions (whether it is Ready). */
public record ObservedNode(ObjectMeta metadata, Status status) {
    public record Status(List<Condition> conditions) {}

    public String name() {
        return metadata == null ? null : metadata.getName();
    }

    public Optional<Condition> condition(String type) {
        return status == null || status.conditions() == null ? Optional.empty()
                : status.conditions().stream().filter(c -> type.equals(c.type())).findFirst();
    }
}
