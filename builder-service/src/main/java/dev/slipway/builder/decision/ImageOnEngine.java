package dev.slipway.builder.decision;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRef;
import java.util.Map;
import java.util.Set;

/** An image as the engine reports it: full id, tags, labels, size and number of layers. */
public record ImageOnEngine(ImageId id, Set<String> tags, Map<String, String> labels, long sizeBytes, int layers) {
    public ImageOnEngine {
        tags = Set.copyOf(tags);
        labels = Map.copyOf(labels);
    }

    public BuiltImage asBuilt(ImageRef ref) {
        return new BuiltImage(ref, id, sizeBytes, layers);
    }
}
