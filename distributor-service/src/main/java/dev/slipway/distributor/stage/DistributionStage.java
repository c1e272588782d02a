package dev.slipway.distributor.stage;

import dev.slipway.distributor.decision.DistributionDecision;
import dev.slipway.distributor.decision.DistributionErrors;
import dev.slipway.distributor.decision.Distributions;
import dev.slipway.distributor.decision.NodeCheck;
import dev.slipway.distributor.stream.Delivery;
import dev.slipway.distributor.stream.FanOutResult;
import dev.slipway.distributor.stream.StreamFanOut;
import dev.slipway.distributor.transport.ImageSource;
import dev.slipway.distributor.transport.NodeTransport;
import dev.slipway.distributor.transport.TransportException;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.names.NodeName;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;

/**
 * Puts one built image on every node, in named steps: ask every node whether it holds the image id;
 * name the image on the nodes that hold it; stream one read of the image to the nodes that lack it, in
 * parallel; check those nodes hold the id. A node that fails does not stop the others.
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

    public DistributionStage(List<NodeTransport> nodes, ImageSource source, StreamFanOut fanOut, ExecutorService executor) {
        this.nodes = List.copyOf(nodes);
        this.source = source;
        this.fanOut = fanOut;
        this.executor = executor;
    }

    /** The ImageDistributed for one ImageBuilt; a failed build is passed through without touching any node. */
    public ImageDistributed distribute(ImageBuilt built) {
        if (!Distributions.buildSucceeded(built)) {
            return Distributions.passThrough(built);
        }
        DistributionRun run = new DistributionRun(built);
        List<NodeCheck> checks = checkNodes(run);
        DistributionDecision.unreachableNodes(checks).forEach(check -> run.failed(check.node(), 0, check.error()));
        DistributionDecision.nodesHoldingImage(checks).forEach(check -> keepAlreadyPresent(run, transport(check.node())));
        List<NodeCheck> needing = DistributionDecision.nodesNeedingImage(checks);
        if (!needing.isEmpty()) {
            send(run, needing.stream().map(check -> transport(check.node())).toList());
        }
        return Distributions.distributed(built, run.resultsInNodeOrder(nodes));
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

    private void send(DistributionRun run, List<NodeTransport> needing) {
        Map<NodeName, StreamFanOut.Receiver> receivers = new LinkedHashMap<>();
        needing.forEach(node -> receivers.put(node.node(), archive -> node.receive(run.image(), archive)));
        FanOutResult<NodeName> sent;
        InputStream archive;
        try {
            archive = source.open(run.image());
        } catch (TransportException e) {
            needing.forEach(node -> run.failed(node.node(), 0, "node " + node.node() + ": " + e.getMessage()));
            return;
        }
        try {
            sent = fanOut.deliver(archive, receivers);
        } finally {
            closeQuietly(archive);
        }
        for (NodeTransport node : needing) {
            Delivery delivery = sent.delivery(node.node());
            if (delivery.failure().isPresent()) {
                run.failed(node.node(), delivery.bytes(), sendError(run, node, sent, delivery.failure().get()));
            } else {
                verify(run, node, delivery.bytes());
            }
        }
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
