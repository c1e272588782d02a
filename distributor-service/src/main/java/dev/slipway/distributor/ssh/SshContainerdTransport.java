package dev.slipway.distributor.ssh;

import dev.slipway.distributor.decision.DistributionErrors;
import dev.slipway.distributor.transport.NodeTransport;
import dev.slipway.distributor.transport.TransportException;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.NodeName;
import dev.slipway.distributor.layers.OciLayoutWriter;
import dev.slipway.distributor.transport.Shipment;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code ssh-containerd} transport: the node is a k3s (containerd) host reached over SSH. An image
 * goes in streamed into the node's import command ({@code k3s ctr -n k8s.io images import -} by default):
 * as its {@code docker save} tar when the node holds none of its layers, else as an OCI image layout with
 * only the layers the node lacks ({@code ctr content ls} says which blobs it holds). The node holds an
 * image id when one of its images' manifests names that id as its config (the config digest is the Docker
 * image id); the manifests are read with {@code ctr content get} and remembered, as blobs never change.
 */
public final class SshContainerdTransport implements NodeTransport, AutoCloseable {
    public static final String KIND = "ssh-containerd";

    private final NodeName node;
    private final SshAddress address;
    private final SshRemote remote;
    private final ContainerdCommands commands;
    private final boolean pin;
    private final Map<String, ContainerdImages.Target> blobs = new ConcurrentHashMap<>();

    public SshContainerdTransport(NodeName node, SshAddress address, SshRemote remote, ContainerdCommands commands, boolean pin) {
        this.node = node;
        this.address = address;
        this.remote = remote;
        this.commands = commands;
        this.pin = pin;
    }

    @Override
    public NodeName node() {
        return node;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String address() {
        return "ssh://" + address;
    }

    /**
     * Whether an image of the node names {@code id} as its config. A node without the config blob cannot hold
     * the image, which one listing of its blobs answers; only a node that has the blob has its images' manifests read.
     */
    @Override
    public boolean holds(ImageId id) {
        try {
            if (!ContainerdImages.digests(check(commands.listContent(), "listing the blobs it holds")).contains(id.value())) {
                return false;
            }
            return !namesOf(id).isEmpty();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw unexpectedAnswer(e);
        }
    }

    @Override
    public boolean takesPartialImages() {
        return true;
    }

    @Override
    public Set<String> heldLayers(List<String> layerDigests) {
        try {
            Set<String> blobsHeld = ContainerdImages.digests(check(commands.listContent(), "listing the blobs it holds"));
            Set<String> held = new HashSet<>(layerDigests);
            held.retainAll(blobsHeld);
            return held;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw unexpectedAnswer(e);
        }
    }

    @Override
    public void receive(BuiltImage image, InputStream archive) {
        receive(image, archive, Shipment.wholeImage());
    }

    @Override
    public long receive(BuiltImage image, InputStream archive, Shipment shipment) {
        SshRemote.StdinWriter writer = archive::transferTo;
        if (shipment instanceof Shipment.MissingLayers missing) {
            writer = out -> OciLayoutWriter.write(archive, missing.index(), missing.layers(),
                    ContainerdCommands.containerdName(image.ref()), out);
        }
        SshRemote.Result result = remote.feed(commands.importImage(), writer);
        if (!result.succeeded()) {
            throw new TransportException(DistributionErrors.importFailed(node, address(), image.ref(),
                    "`" + commands.importImage() + "` exited with " + result.exitStatus() + ": "
                            + (result.stderr().isEmpty() ? "(nothing on stderr)" : result.stderr())));
        }
        return result.sentBytes();
    }

    @Override
    public void name(BuiltImage image) {
        String wanted = ContainerdCommands.containerdName(image.ref());
        try {
            List<String> names = namesOf(image.id());
            if (names.isEmpty()) {
                throw new TransportException("node " + node + " (" + address() + "): naming " + image.id() + " as "
                        + image.ref() + " failed: the node does not hold " + image.id());
            }
            if (!names.contains(wanted)) {
                check(commands.tag(names.get(0), image.ref()), "naming " + image.id() + " as " + image.ref());
            }
            if (pin) {
                check(commands.pin(image.ref()), "pinning " + image.ref());
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw unexpectedAnswer(e);
        }
    }

    /** The node's image names whose manifest (directly or through an index) names {@code id} as its config. */
    private List<String> namesOf(ImageId id) {
        Map<String, String> targets = ContainerdImages.targets(check(commands.listImages(), "listing images"));
        List<String> names = new ArrayList<>();
        targets.forEach((name, digest) -> {
            if (configs(digest, 1).contains(id.value())) {
                names.add(name);
            }
        });
        return names;
    }

    private List<String> configs(String digest, int indexDepth) {
        ContainerdImages.Target target = blobs.computeIfAbsent(digest,
                key -> ContainerdImages.target(check(commands.contentGet(key), "reading " + key)));
        List<String> configs = new ArrayList<>(target.configs());
        if (indexDepth > 0) {
            target.manifests().forEach(manifest -> configs.addAll(configs(manifest, indexDepth - 1)));
        }
        return configs;
    }

    private String check(String command, String doing) {
        SshRemote.Result result = remote.run(command);
        if (!result.succeeded()) {
            throw new TransportException("node " + node + " (" + address() + "): " + doing + " with `" + command
                    + "` failed (exit " + result.exitStatus() + "): "
                    + (result.stderr().isEmpty() ? "(nothing on stderr)" : result.stderr()));
        }
        return result.stdout();
    }

    private TransportException unexpectedAnswer(RuntimeException e) {
        return new TransportException("node " + node + " (" + address() + "): the node's containerd answered what this "
                + "transport cannot read (" + e.getMessage() + "). Check that slipway.nodes." + node
                + ".ctr-command runs containerd's ctr.", e);
    }

    @Override
    public void close() {
        remote.close();
    }
}
