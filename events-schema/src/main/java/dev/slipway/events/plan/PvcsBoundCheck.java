package dev.slipway.events.plan;

import dev.slipway.events.names.ServiceName;

/** Every PersistentVolumeClaim the service's workload uses is Bound. */
public record PvcsBoundCheck(ServiceName service) {}
