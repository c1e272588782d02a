package dev.slipway.events;

/** What distribution did on one node. */
public enum NodeOutcome {
    IMPORTED,
    ALREADY_PRESENT,
    FAILED
}
