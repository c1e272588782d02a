package dev.slipway.distributor.layers;

import dev.slipway.events.names.ImageId;
import java.util.List;
import java.util.Optional;

/**
 * What one image's {@code docker save} archive holds, by entry name: its config (whose digest is the image
 * id) and its layers in order, each with the digest of its uncompressed tar (the image's RootFS diff id,
 * which is also the name containerd gives the blob when it imports the archive). Lets a writer pick the
 * layers a node lacks out of the archive stream without reading any of them twice.
 */
public record SaveArchiveIndex(ImageId config, String configEntry, long configSize, List<Layer> layers) {
    /** One layer: its entry in the archive ({@code <v1 id>/layer.tar}), digest and size. */
    public record Layer(String entry, String digest, long size) {}

    public SaveArchiveIndex {
        layers = List.copyOf(layers);
    }

    /** The layer stored under {@code entry}, if it is one. */
    public Optional<Layer> layerAt(String entry) {
        return layers.stream().filter(layer -> layer.entry().equals(entry)).findFirst();
    }

    /** The layer digests in order (a digest appears once per position, so repeats are possible). */
    public List<String> layerDigests() {
        return layers.stream().map(Layer::digest).toList();
    }
}
