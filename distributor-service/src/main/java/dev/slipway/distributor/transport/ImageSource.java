package dev.slipway.distributor.transport;

import dev.slipway.events.BuiltImage;
import java.io.InputStream;
import java.util.List;

/** Where images are read from: the build engine. One read serves every node that needs the image. */
public interface ImageSource {
    /** Where the source is reached, for messages and logs. */
    String address();

    /**
     * Opens one read of the image as a {@code docker save} archive carrying its reference. Fails with
     * {@link TransportException} when the source does not hold the image under its reference and id.
     * The caller closes the stream.
     */
    InputStream open(BuiltImage image);

    /**
     * The image's layer digests in order (digests of the uncompressed layers, its RootFS diff ids), read
     * without reading the layers; empty when the source cannot tell, and then every node gets whole images.
     */
    default List<String> layerDigests(BuiltImage image) {
        return List.of();
    }
}
