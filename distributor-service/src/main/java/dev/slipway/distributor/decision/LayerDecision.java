package dev.slipway.distributor.decision;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which of an image's layers a node is sent. No I/O. */
public final class LayerDecision {
    private LayerDecision() {}

    /**
     * Whether the node gets the whole image: when it holds none of its layers (nothing to leave out) or the
     * image's layers are unknown. Otherwise it gets only {@link #missingLayers}.
     */
    public static boolean sendWholeImage(List<String> layers, Set<String> held) {
        return layers.isEmpty() || layers.stream().noneMatch(held::contains);
    }

    /** The image's layers the node does not hold, in the image's order, each once. */
    public static Set<String> missingLayers(List<String> layers, Set<String> held) {
        Set<String> missing = new LinkedHashSet<>(layers);
        missing.removeAll(held);
        return missing;
    }

    /**
     * Whether an import failed because a layer blob the node held when asked was gone when the import needed
     * it (containerd: {@code content digest sha256:...: not found}): the whole image is then sent once more.
     */
    public static boolean heldLayerVanished(String importError) {
        return importError != null && importError.contains("content digest sha256:") && importError.contains("not found");
    }
}
