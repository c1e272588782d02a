package dev.slipway.events;

import dev.slipway.events.plan.ServicePlan;

/**
 * dev.slipway.image.built.v1: one per service. On FAILED, {@code image} is absent and {@code error}
 * holds the builder's own error line.
 */
public record ImageBuilt(ReleaseContext release, ServicePlan service, StageOutcome outcome, BuiltImage image,
        long buildMillis, String error) {}
