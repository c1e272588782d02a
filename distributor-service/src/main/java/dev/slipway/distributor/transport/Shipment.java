package dev.slipway.distributor.transport;

import dev.slipway.distributor.layers.SaveArchiveIndex;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** What of an image one node is sent: all of it, or only the layers it lacks. */
public sealed interface Shipment {
    /** The image's {@code docker save} archive as read from the build engine. */
    record WholeImage() implements Shipment {}

    /**
     * The image's manifest and config with only {@code layers} (digests of uncompressed layers), as an OCI image
     * layout written from the archive with {@code index}; the node holds every other layer already.
     */
    record MissingLayers(SaveArchiveIndex index, Set<String> layers) implements Shipment {
        public MissingLayers {
            layers = Set.copyOf(layers);
        }

        /** The bytes of layer content this shipment carries. */
        public long layerBytes() {
            Map<String, Long> sizes = new HashMap<>();
            index.layers().forEach(layer -> sizes.putIfAbsent(layer.digest(), layer.size()));
            return layers.stream().mapToLong(digest -> sizes.getOrDefault(digest, 0L)).sum();
        }
    }

    static Shipment wholeImage() {
        return new WholeImage();
    }
}
