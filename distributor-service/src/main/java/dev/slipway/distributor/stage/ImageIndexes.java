package dev.slipway.distributor.stage;

import dev.slipway.distributor.layers.SaveArchiveIndex;
import dev.slipway.distributor.layers.SaveArchiveIndexer;
import dev.slipway.distributor.transport.ImageSource;
import dev.slipway.distributor.transport.TransportException;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.names.ImageId;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The {@link SaveArchiveIndex} of each image sent as missing layers, read once from the build engine (one
 * extra local read of the image) and kept for the most recent images: an image's archive never changes
 * for the same id.
 */
final class ImageIndexes {
    private static final Logger LOG = Logger.getLogger(ImageIndexes.class);
    private static final int KEPT = 64;

    private final ImageSource source;
    private final Map<ImageId, SaveArchiveIndex> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ImageId, SaveArchiveIndex> eldest) {
            return size() > KEPT;
        }
    };

    ImageIndexes(ImageSource source) {
        this.source = source;
    }

    /** The image's index; fails with the source's message when it cannot be read or is not the image. */
    SaveArchiveIndex of(BuiltImage image, List<String> layerDigests) {
        synchronized (kept) {
            SaveArchiveIndex index = kept.get(image.id());
            if (index != null) {
                return index;
            }
        }
        long started = System.nanoTime();
        SaveArchiveIndex index;
        try (InputStream archive = source.open(image)) {
            index = SaveArchiveIndexer.index(archive);
        } catch (IOException e) {
            throw new TransportException("reading the layers of " + image.ref() + " from the build engine at "
                    + source.address() + " failed: " + e.getMessage(), e);
        }
        if (!index.config().equals(image.id()) || !index.layerDigests().equals(layerDigests)) {
            throw new TransportException("the build engine at " + source.address() + " saved " + index.config()
                    + " for " + image.ref() + ", not the built " + image.id() + " with layers " + layerDigests);
        }
        LOG.debugf("indexed %s (%d layers) in %d ms", image.ref(), index.layers().size(), (System.nanoTime() - started) / 1_000_000);
        synchronized (kept) {
            kept.put(image.id(), index);
        }
        return index;
    }
}
