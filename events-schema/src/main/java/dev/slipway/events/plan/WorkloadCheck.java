package dev.slipway.events.plan;

import dev.slipway.events.names.ServiceName;

/** The service's Kubernetes workload is ready, every replica at the release's image. */
public record WorkloadCheck(ServiceName service) {}
