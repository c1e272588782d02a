package dev.slipway.events.plan;

import dev.slipway.events.names.ImageRepository;
import dev.slipway.events.names.ServiceName;

/**
 * One service of the release: how to build its image and where it runs.
 * {@code docker} is the runtime on plain Docker hosts; other runtime targets are added beside it.
 */
public record ServicePlan(ServiceName name, BuildSpec build, ImageRepository image, DockerRuntime docker) {}
