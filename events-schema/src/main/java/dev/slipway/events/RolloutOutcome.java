package dev.slipway.events;

/** How a service's rollout ended. Only ROLLED_OUT counts as success. */
public enum RolloutOutcome {
    ROLLED_OUT,
    ROLLED_BACK,
    FAILED,
    SKIPPED
}
