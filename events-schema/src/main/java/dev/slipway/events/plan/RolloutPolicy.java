package dev.slipway.events.plan;

/** How a service moves to its new image: how long to wait for it and whether to put the previous image back. */
public record RolloutPolicy(boolean rollbackOnFailure, int timeoutSeconds) {
    public static final RolloutPolicy DEFAULT = new RolloutPolicy(false, 120);

    public RolloutPolicy {
        if (timeoutSeconds <= 0) {
            timeoutSeconds = DEFAULT.timeoutSeconds();
        }
    }
}
