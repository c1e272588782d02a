package dev.slipway.events.plan;

/** What a node that could not get the image means for the service. */
public enum NodeFailurePolicy {
    /** The service's distribution is FAILED when any node failed (the default): nothing rolls out. */
    FAIL_SERVICE,
    /** The service goes on with the nodes that hold the image; the failed nodes are still listed as FAILED. */
    CONTINUE
}
