package dev.slipway.events.plan;

import dev.slipway.events.names.ImageRepository;
import dev.slipway.events.names.ServiceName;

/**
 * One service of the release: how to build its image and where it runs. Exactly one runtime is set:
 * {@code docker} (a container on each plain Docker host) or {@code kubernetes} (a workload in the cluster).
 */
public record ServicePlan(ServiceName name, BuildSpec build, ImageRepository image, DockerRuntime docker,
        KubernetesRuntime kubernetes) {
    /** A service that runs as a container on Docker hosts. */
    public ServicePlan(ServiceName name, BuildSpec build, ImageRepository image, DockerRuntime docker) {
        this(name, build, image, docker, null);
    }
}
