package dev.slipway.events;

import dev.slipway.events.names.ImageRef;

/**
 * Distribution of one image to a registry: the reference nodes pull ({@code ref}, on the registry's host),
 * the manifest digest the registry answered with, the bytes sent and, on FAILED, the error.
 */
public record RegistryResult(String registry, ImageRef ref, String manifestDigest, RegistryOutcome outcome, long bytes,
        long durationMillis, String error) {

    /** Whether nodes can pull {@link #ref()}. */
    public boolean pullable() {
        return outcome != RegistryOutcome.FAILED;
    }
}
