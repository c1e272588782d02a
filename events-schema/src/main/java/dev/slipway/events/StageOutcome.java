package dev.slipway.events;

/** How the builder or distributor fared with one service. */
public enum StageOutcome {
    SUCCEEDED,
    FAILED
}
