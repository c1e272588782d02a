package dev.slipway.distributor.stage;

import dev.slipway.distributor.decision.DistributionDecision;
import dev.slipway.distributor.decision.DistributionErrors;
import dev.slipway.distributor.decision.LayerDecision;
import dev.slipway.distributor.layers.SaveArchiveIndex;
import dev.slipway.distributor.decision.Distributions;
import dev.slipway.distributor.decision.NodeCheck;
import dev.slipway.distributor.stream.Delivery;
import dev.slipway.distributor.stream.FanOutResult;
import dev.slipway.distributor.stream.StreamFanOut;
import dev.slipway.distributor.transport.ImageSource;
import dev.slipway.distributor.transport.NodeTransport;
import dev.slipway.distributor.transport.RegistryDestination;
import dev.slipway.distributor.transport.Shipment;
import dev.slipway.distributor.transport.TransportException;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.RegistryResult;
import dev.slipway.events.names.NodeName;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Puts one built image on every node, in named steps: ask every node whether it holds the image id;
 * name the image on the nodes that hold it; ask the nodes that lack it which of its layers they hold;
 * stream one read of the image to the nodes that lack it, in parallel, each node getting the whole image
 * or only the layers it lacks; check those nodes hold the id. A node that fails does not stop the others.
 * With a registry configured, the image is pushed there at the same time.
 *
 * <p>The stage owns what it is given: {@link #close()} closes the transports and the source and stops
 * the executor.
 */
public final class DistributionStage implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DistributionStage.class);

    private final List<NodeTransport> nodes;
    private final ImageSource source;
    private final StreamFanOut fanOut;
    private final ExecutorService executor;
    private final Optional<RegistryDestination> registry;
    private final ImageIndexes indexes;
    private final ReentrantLock sending = new ReentrantLock(true);

    public DistributionStage(List<NodeTransport> nodes, ImageSource source, StreamFanOut fanOut, ExecutorService executor) {
        this(nodes, Optional.empty(), source, fanOut, executor);
    }

    /** With a registry every image is also pushed to (the nodes may then be none). */
    public DistributionStage(List<NodeTransport> nodes, Optional<RegistryDestination> registry, ImageSource source,
            StreamFanOut fanOut, ExecutorService executor) {
        this.nodes = List.copyOf(nodes);
        this.registry = registry;
        this.source = source;
        this.fanOut = fanOut;
        this.executor = executor;
        this.indexes = new ImageIndexes(source);
    }

    /** The ImageDistributed for one ImageBuilt; a failed build is passed through without touching any node. */
    public ImageDistributed distribute(ImageBuilt built) {
        if (!Distributions.buildSucceeded(built)) {
            return Distributions.passThrough(built);
        }
        CompletableFuture<RegistryResult> pushed = registry
                .map(destination -> CompletableFuture.supplyAsync(() -> destination.push(built.release().releaseId(),
                        built.service().name(), built.image()), executor))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
        DistributionRun run = new DistributionRun(built);
        if (!nodes.isEmpty()) {
            List<NodeCheck> checks = checkNodes(run);
            DistributionDecision.unreachableNodes(checks).forEach(check -> run.failed(check.node(), 0, check.error()));
            DistributionDecision.nodesHoldingImage(checks).stream()
                    .map(check -> CompletableFuture.runAsync(() -> keepAlreadyPresent(run, transport(check.node())), executor))
                    .toList().forEach(CompletableFuture::join);
            List<NodeCheck> needing = DistributionDecision.nodesNeedingImage(checks);
            if (!needing.isEmpty()) {
                send(run, needing.stream().map(check -> transport(check.node())).toList());
            }
        }
        return Distributions.distributed(built, run.resultsInNodeOrder(nodes), pushed.join());
    }

    private List<NodeCheck> checkNodes(DistributionRun run) {
        List<CompletableFuture<NodeCheck>> asked = nodes.stream()
                .map(node -> CompletableFuture.supplyAsync(() -> check(node, run.image()), executor))
                .toList();
        return asked.stream().map(CompletableFuture::join).toList();
    }

    private static NodeCheck check(NodeTransport node, BuiltImage image) {
        try {
            return node.holds(image.id()) ? NodeCheck.holds(node.node()) : NodeCheck.lacks(node.node());
        } catch (TransportException e) {
            return NodeCheck.unreachable(node.node(), e.getMessage());
        }
    }

    private void keepAlreadyPresent(DistributionRun run, NodeTransport node) {
        try {
            node.name(run.image());
            run.result(node.node(), NodeOutcome.ALREADY_PRESENT, 0);
        } catch (TransportException e) {
            run.failed(node.node(), 0, e.getMessage());
        }
    }

    /**
     * Sends the image to the nodes that lack it: one read of the archive fanned out to all of them, each
     * node getting its {@link Shipment}. One image is sent at a time, so that a layer two images of a
     * release share crosses each node's link once: the second image finds it held.
     */
    private void send(DistributionRun run, List<NodeTransport> needing) {
        sending.lock();
        try {
            Map<NodeTransport, Shipment> shipments = shipments(run, needing);
            if (!shipments.isEmpty()) {
                fanOut(run, shipments);
            }
        } finally {
            sending.unlock();
        }
    }

    /** What each node is sent; a node that cannot say which layers it holds fails here. */
    private Map<NodeTransport, Shipment> shipments(DistributionRun run, List<NodeTransport> needing) {
        Map<NodeTransport, Shipment> shipments = new LinkedHashMap<>();
        boolean anyPartial = needing.stream().anyMatch(NodeTransport::takesPartialImages);
        List<String> layers = anyPartial ? layerDigests(run) : List.of();
        Map<NodeTransport, CompletableFuture<Set<String>>> asked = new LinkedHashMap<>();
        for (NodeTransport node : needing) {
            asked.put(node, node.takesPartialImages() && !layers.isEmpty()
                    ? CompletableFuture.supplyAsync(() -> node.heldLayers(layers), executor)
                    : CompletableFuture.completedFuture(Set.of()));
        }
        for (Map.Entry<NodeTransport, CompletableFuture<Set<String>>> answer : asked.entrySet()) {
            NodeTransport node = answer.getKey();
            Set<String> held;
            try {
                held = answer.getValue().join();
            } catch (CompletionException e) {
                run.failed(node.node(), 0, e.getCause() instanceof TransportException failure ? failure.getMessage()
                        : DistributionErrors.importFailed(node.node(), node.address(), run.image().ref(), String.valueOf(e.getCause())));
                continue;
            }
            shipments.put(node, shipment(run, node, layers, held));
        }
        return shipments;
    }

    private Shipment shipment(DistributionRun run, NodeTransport node, List<String> layers, Set<String> held) {
        if (LayerDecision.sendWholeImage(layers, held)) {
            return Shipment.wholeImage();
        }
        SaveArchiveIndex index;
        try {
            index = indexes.of(run.image(), layers);
        } catch (TransportException e) {
            LOG.warnf("release %s: sending all of %s to node %s, since its layers could not be told apart: %s",
                    run.releaseId(), run.image().ref(), node.node(), e.getMessage());
            return Shipment.wholeImage();
        }
        Shipment.MissingLayers missing = new Shipment.MissingLayers(index, LayerDecision.missingLayers(layers, held));
        LOG.infof("release %s: node %s holds %d of the %d layers of %s; sending %d layers (%d bytes)", run.releaseId(),
                node.node(), layers.size() - missing.layers().size(), layers.size(), run.image().ref(),
                missing.layers().size(), missing.layerBytes());
        return missing;
    }

    private List<String> layerDigests(DistributionRun run) {
        try {
            return source.layerDigests(run.image());
        } catch (TransportException e) {
            LOG.warnf("release %s: sending all of %s to every node, since its layers could not be listed: %s",
                    run.releaseId(), run.image().ref(), e.getMessage());
            return List.of();
        }
    }

    /**
     * One read fanned out to the nodes; a node whose import failed because a layer blob it held was gone by the
     * time the import unpacked it (removed by the node's image GC in between) is sent the whole image once more.
     */
    private void fanOut(DistributionRun run, Map<NodeTransport, Shipment> shipments) {
        Map<NodeTransport, Long> retry = fanOutOnce(run, shipments, Map.of(), true);
        if (!retry.isEmpty()) {
            Map<NodeTransport, Shipment> whole = new LinkedHashMap<>();
            retry.keySet().forEach(node -> whole.put(node, Shipment.wholeImage()));
            LOG.warnf("release %s: a layer %s held was gone when %s was imported; sending the whole image to %s",
                    run.releaseId(), retry.size() == 1 ? "the node" : "the nodes", run.image().ref(),
                    retry.keySet().stream().map(node -> node.node().value()).toList());
            fanOutOnce(run, whole, retry, false);
        }
    }

    /** Returns the nodes to send the whole image to, with the bytes already sent to them. */
    private Map<NodeTransport, Long> fanOutOnce(DistributionRun run, Map<NodeTransport, Shipment> shipments,
            Map<NodeTransport, Long> sentBefore, boolean mayRetry) {
        Map<NodeName, StreamFanOut.Receiver> receivers = new LinkedHashMap<>();
        Map<NodeName, Long> sentBytes = new ConcurrentHashMap<>();
        shipments.forEach((node, shipment) -> receivers.put(node.node(),
                archive -> sentBytes.put(node.node(), node.receive(run.image(), archive, shipment))));
        FanOutResult<NodeName> sent;
        InputStream archive;
        try {
            archive = source.open(run.image());
        } catch (TransportException e) {
            shipments.keySet().forEach(node -> run.failed(node.node(), sentBefore.getOrDefault(node, 0L),
                    "node " + node.node() + ": " + e.getMessage()));
            return Map.of();
        }
        try {
            sent = fanOut.deliver(archive, receivers);
        } finally {
            closeQuietly(archive);
        }
        Map<NodeTransport, Long> retry = new LinkedHashMap<>();
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        for (NodeTransport node : shipments.keySet()) {
            Delivery delivery = sent.delivery(node.node());
            long before = sentBefore.getOrDefault(node, 0L);
            if (delivery.failure().isPresent()) {
                String error = sendError(run, node, sent, delivery.failure().get());
                if (mayRetry && sent.sourceFailure().isEmpty() && LayerDecision.heldLayerVanished(error)) {
                    retry.put(node, before + delivery.bytes());
                } else {
                    run.failed(node.node(), before + delivery.bytes(), error);
                }
            } else {
                long bytes = before + sentBytes.getOrDefault(node.node(), delivery.bytes());
                checks.add(CompletableFuture.runAsync(() -> verify(run, node, bytes), executor));
            }
        }
        checks.forEach(CompletableFuture::join);
        return retry;
    }

    private String sendError(DistributionRun run, NodeTransport node, FanOutResult<NodeName> sent, Exception failure) {
        if (sent.sourceFailure().isPresent()) {
            return "node " + node.node() + ": " + DistributionErrors.sourceFailed(run.image().ref(), source.address(),
                    sent.sourceFailure().get().getMessage());
        }
        if (failure instanceof TransportException) {
            return failure.getMessage();
        }
        return DistributionErrors.importFailed(node.node(), node.address(), run.image().ref(), String.valueOf(failure));
    }

    private static void verify(DistributionRun run, NodeTransport node, long bytes) {
        try {
            if (!node.holds(run.image().id())) {
                run.failed(node.node(), bytes, DistributionErrors.notHeldAfterImport(node.node(), node.address(), run.image().id()));
                return;
            }
            node.name(run.image());
            run.result(node.node(), NodeOutcome.IMPORTED, bytes);
        } catch (TransportException e) {
            run.failed(node.node(), bytes, e.getMessage());
        }
    }

    private NodeTransport transport(NodeName name) {
        return nodes.stream().filter(node -> node.node().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no transport for node " + name));
    }

    @Override
    public void close() {
        executor.shutdownNow();
        nodes.forEach(DistributionStage::closeQuietly);
        registry.ifPresent(DistributionStage::closeQuietly);
        closeQuietly(source);
    }

    private static void closeQuietly(Object resource) {
        if (resource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debugf("closing %s failed: %s", resource, e);
            }
        }
    }
}
