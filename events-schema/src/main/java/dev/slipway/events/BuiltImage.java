package dev.slipway.events;

import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRef;

/** An image the builder made: its reference, its id (the config digest, the same on every engine), size and layers. */
public record BuiltImage(ImageRef ref, ImageId id, long sizeBytes, int layers) {}
