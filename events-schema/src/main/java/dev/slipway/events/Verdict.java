package dev.slipway.events;

/** The end of a release. */
public enum Verdict {
    PASSED,
    FAILED
}
