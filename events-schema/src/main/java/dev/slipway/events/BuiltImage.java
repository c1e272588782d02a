package dev.slipway.events;

import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRef;
import java.util.regex.Pattern;

/**
 * An image the builder made: its reference, its id (the config digest, the same on every engine), size and layers;
 * and, once it is in a registry the workload pulls from, the registry's manifest digest ({@code digest}, else null),
 * so the workload is deployed by the immutable {@code ref@digest}.
 */
public record BuiltImage(ImageRef ref, ImageId id, long sizeBytes, int layers, String digest) {
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    public BuiltImage {
        if (digest != null && !DIGEST.matcher(digest).matches()) {
            throw new InvalidEventException("image digest '" + digest + "' is not sha256: and 64 hex digits");
        }
    }

    /** Not (yet) in a registry. */
    public BuiltImage(ImageRef ref, ImageId id, long sizeBytes, int layers) {
        this(ref, id, sizeBytes, layers, null);
    }

    /** What a container or workload is set to: {@code ref@digest} when the digest is known, else {@code ref}. */
    public String reference() {
        return digest == null ? ref.value() : ref.value() + "@" + digest;
    }
}
