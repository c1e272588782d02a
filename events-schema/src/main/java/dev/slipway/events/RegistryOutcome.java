package dev.slipway.events;

/** What distribution did at the registry. */
public enum RegistryOutcome {
    /** The registry lacked the image (or some of its layers) and now holds it. */
    PUSHED,
    /** The registry already held the image under the reference; nothing was sent. */
    ALREADY_PRESENT,
    FAILED
}
