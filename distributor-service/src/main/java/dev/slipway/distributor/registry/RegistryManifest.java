package dev.slipway.distributor.registry;

import java.util.List;

/**
 * An image manifest as the registry holds it: its digest, the config digest (the image id) and the layers
 * (compressed blobs, in the order of the config's {@code rootfs.diff_ids}). {@code configDigest} is null for
 * a manifest list or OCI index, which names no single image.
 */
public record RegistryManifest(String digest, String mediaType, String configDigest, long configSize, List<Layer> layers) {
    public RegistryManifest {
        layers = List.copyOf(layers);
    }

    public record Layer(String digest, long size) {}

    /** Whether this manifest is the image with config digest {@code imageId}. */
    public boolean isImage(String imageId) {
        return imageId.equals(configDigest);
    }
}
