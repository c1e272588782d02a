package dev.slipway.rollout.decision;

import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.plan.PortBinding;
import java.util.List;
import java.util.Map;

/** The container to create on a node: name, image id, published ports, environment and labels. */
public record ContainerSpec(ContainerName name, ImageId image, List<PortBinding> ports, Map<String, String> env,
        Map<String, String> labels) {
    public ContainerSpec {
        ports = List.copyOf(ports);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
    }
}
