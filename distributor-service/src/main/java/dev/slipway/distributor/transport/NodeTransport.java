package dev.slipway.distributor.transport;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.NodeName;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * Puts images on one node. One implementation per kind of node: {@code docker} (the node is a Docker
 * engine) and {@code ssh-containerd} (a k3s/containerd node reached over SSH). The distribution stage
 * talks only to this interface: it asks every node whether it holds the image id, asks the nodes that lack
 * it which of its layers they hold (nodes that take partial images), streams one read of the image archive
 * to the nodes that lack it, each getting its {@link Shipment}, then asks again.
 *
 * <p>Every method throws {@link TransportException} with a message naming the node and its address.
 */
public interface NodeTransport {
    /** The node this transport reaches. */
    NodeName node();

    /** The kind of node, e.g. {@code docker}; it names the transport in messages. */
    String kind();

    /** Where the node is reached, for messages and logs; never carries a credential. */
    String address();

    /** Whether the node holds the image id (the config digest, identical on every engine). */
    boolean holds(ImageId id);

    /**
     * Imports an image archive in {@code docker save} format, reading {@code archive} to its end. Returns
     * once the node reports the import done; the caller then checks {@link #holds(ImageId)}.
     */
    void receive(BuiltImage image, InputStream archive);

    /**
     * Imports what {@code shipment} selects of one read of the image's {@code docker save} archive, reading
     * {@code archive} to its end, and returns the bytes sent to the node. Nodes that do not
     * {@linkplain #takesPartialImages() take partial images} are only ever given the whole image.
     */
    default long receive(BuiltImage image, InputStream archive, Shipment shipment) {
        if (!(shipment instanceof Shipment.WholeImage)) {
            throw new IllegalArgumentException("a " + kind() + " node takes whole images only");
        }
        CountingInputStream counted = new CountingInputStream(archive);
        receive(image, counted);
        return counted.count();
    }

    /** Whether the node can be sent an image without the layers it holds already ({@link Shipment.MissingLayers}). */
    default boolean takesPartialImages() {
        return false;
    }

    /**
     * Which of {@code layerDigests} (digests of uncompressed layers, the image's RootFS diff ids) the node holds;
     * asked only of nodes that {@linkplain #takesPartialImages() take partial images}.
     */
    default Set<String> heldLayers(List<String> layerDigests) {
        return Set.of();
    }

    /**
     * Makes the image's reference name its id on the node, when the node holds the id under another
     * reference or none (a release whose build produced an image identical to an earlier one). Nothing is sent.
     */
    void name(BuiltImage image);
}
