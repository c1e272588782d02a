package dev.slipway.events.plan;

import dev.slipway.events.names.ContainerName;
import java.util.List;
import java.util.Map;

/** The container a service becomes on each Docker host: its name, published ports, environment and labels. */
public record DockerRuntime(ContainerName container, List<PortBinding> ports, Map<String, String> env, Map<String, String> labels) {
    public DockerRuntime {
        ports = ports == null ? List.of() : List.copyOf(ports);
        env = env == null ? Map.of() : Map.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
