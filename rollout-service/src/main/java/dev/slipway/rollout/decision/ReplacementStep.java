package dev.slipway.rollout.decision;

/** One step of moving a node's container to a new image, in the order {@link ReplacementPlan} lists them. */
public enum ReplacementStep {
    /**
     * This release already failed here and was rolled back (a redelivered event): the kept
     * {@code <name>.failed} is at the new image and carries this release's id. Do nothing, report it again.
     */
    ALREADY_ROLLED_BACK,
    /** Remove a {@code <name>.failed} kept from an earlier release's rolled-back attempt. */
    REMOVE_STALE_FAILED,
    /** Remove a stale {@code <name>.previous} left by an earlier rollout: the running container replaces it. */
    REMOVE_STALE_PREVIOUS,
    /** Stop the running container (it holds the service's ports). */
    STOP_CURRENT,
    /** Rename the current container to {@code <name>.previous}, kept so it can be put back. */
    KEEP_CURRENT_AS_PREVIOUS,
    /** Remove a stopped leftover at {@code <name>} when {@code <name>.previous} is already the one to go back to. */
    REMOVE_CURRENT,
    /** Create the container from the new image and start it. */
    CREATE_AND_START,
    /** The container at the new image exists but was never started (an interrupted rollout): start it. */
    START_CURRENT,
    /** The container already runs the new image (a redelivered event): only watch it. */
    WATCH_CURRENT
}
