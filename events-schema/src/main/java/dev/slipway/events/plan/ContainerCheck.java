package dev.slipway.events.plan;

import dev.slipway.events.names.ServiceName;

/** The service's container runs on every node, at the image of this release. */
public record ContainerCheck(ServiceName service) {}
