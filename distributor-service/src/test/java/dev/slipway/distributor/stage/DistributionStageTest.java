package dev.slipway.distributor.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.distributor.TestEvents;
import dev.slipway.distributor.stream.StreamFanOut;
import dev.slipway.distributor.transport.ImageSource;
import dev.slipway.distributor.transport.NodeTransport;
import dev.slipway.distributor.transport.RegistryDestination;
import dev.slipway.distributor.transport.TransportException;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.RegistryOutcome;
import dev.slipway.events.RegistryResult;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ServiceName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stage's steps with in-memory nodes; the docker transport itself is tested against real engines. */
class DistributionStageTest {
    private static final ImageRef REF = ImageRef.parse("example/api:1.0");
    private static final ImageId ID = TestEvents.id('b');
    private static final byte[] ARCHIVE = archive(700_000);

    private final ImageBuilt built = TestEvents.built("example-1.0-abc", "api", REF, ID);
    private final MemorySource source = new MemorySource();
    private DistributionStage stage;

    @AfterEach
    void close() {
        if (stage != null) {
            stage.close();
        }
    }

    private DistributionStage stage(NodeTransport... nodes) {
        var executor = Executors.newCachedThreadPool();
        stage = new DistributionStage(List.of(nodes), source, new StreamFanOut(executor, 16 * 1024, 64 * 1024), executor);
        return stage;
    }

    @Test
    void skipsNodesThatAlreadyHoldTheImage() {
        MemoryNode a = MemoryNode.holding("node-a", ID);
        MemoryNode b = MemoryNode.empty("node-b");

        ImageDistributed distributed = stage(a, b).distribute(built);

        assertThat(distributed.outcome()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(distributed.nodes()).extracting(NodeResult::node, NodeResult::outcome, NodeResult::bytes).containsExactly(
                org.assertj.core.groups.Tuple.tuple(NodeName.of("node-a"), NodeOutcome.ALREADY_PRESENT, 0L),
                org.assertj.core.groups.Tuple.tuple(NodeName.of("node-b"), NodeOutcome.IMPORTED, (long) ARCHIVE.length));
        assertThat(a.received).isEmpty();
        assertThat(b.received).containsKey(ID);
        assertThat(b.named).contains(REF);
    }

    @Test
    void aFailedPushFailsTheServiceEvenWhenEveryNodeHoldsTheImage() {
        RegistryResult refused = new RegistryResult("127.0.0.1:5000", ImageRef.parse("127.0.0.1:5000/example/api:1.0"), null,
                RegistryOutcome.FAILED, 0, 12, "service api: pushing example/api:1.0 to the registry 127.0.0.1:5000 as "
                        + "127.0.0.1:5000/example/api:1.0 failed: the registry refused user slipway (401 UNAUTHORIZED)");
        var executor = Executors.newCachedThreadPool();
        stage = new DistributionStage(List.of(MemoryNode.holding("node-a", ID)), Optional.of(fixed(refused)), source,
                new StreamFanOut(executor, 16 * 1024, 64 * 1024), executor);

        ImageDistributed distributed = stage.distribute(built);

        assertThat(distributed.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(distributed.registry()).isEqualTo(refused);
        assertThat(distributed.nodes()).extracting(NodeResult::outcome).containsExactly(NodeOutcome.ALREADY_PRESENT);
        assertThat(distributed.error()).isEqualTo("release example-1.0-abc: " + refused.error());
        assertThat(distributed.registryRef()).isEmpty();
    }

    @Test
    void withARegistryAndNoNodesThePushAloneDecides() {
        RegistryResult pushed = new RegistryResult("127.0.0.1:5000", ImageRef.parse("127.0.0.1:5000/example/api:1.0"),
                "sha256:" + "c".repeat(64), RegistryOutcome.PUSHED, 1234, 40, null);
        var executor = Executors.newCachedThreadPool();
        stage = new DistributionStage(List.of(), Optional.of(fixed(pushed)), source,
                new StreamFanOut(executor, 16 * 1024, 64 * 1024), executor);

        ImageDistributed distributed = stage.distribute(built);

        assertThat(distributed.outcome()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(distributed.nodes()).isEmpty();
        assertThat(distributed.registryRef()).contains(ImageRef.parse("127.0.0.1:5000/example/api:1.0"));
        assertThat(source.opened.get()).isZero();
    }

    /** A registry that answers {@code result} for every push. */
    private static RegistryDestination fixed(RegistryResult result) {
        return new RegistryDestination() {
            @Override
            public String address() {
                return result.registry();
            }

            @Override
            public RegistryResult push(ReleaseId release, ServiceName service, BuiltImage image) {
                return result;
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void aNodeWhoseHeldLayerVanishedDuringTheImportIsSentTheWholeImageOnceMore() {
        MemoryNode a = MemoryNode.empty("node-a");
        MemoryNode b = MemoryNode.empty("node-b");
        a.vanishedLayerImports = 1;

        ImageDistributed distributed = stage(a, b).distribute(built);

        assertThat(distributed.outcome()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(distributed.nodes()).extracting(NodeResult::outcome).containsOnly(NodeOutcome.IMPORTED);
        assertThat(distributed.nodes().get(0).bytes()).as("both tries").isEqualTo(2L * ARCHIVE.length);
        assertThat(a.imports.get()).isEqualTo(2);
        assertThat(b.imports.get()).isEqualTo(1);
    }

    @Test
    void aLayerThatVanishesTwiceFailsTheNodeWithContainerdsError() {
        MemoryNode a = MemoryNode.empty("node-a");
        a.vanishedLayerImports = 2;

        ImageDistributed distributed = stage(a).distribute(built);

        assertThat(distributed.nodes()).extracting(NodeResult::outcome).containsExactly(NodeOutcome.FAILED);
        assertThat(distributed.nodes().get(0).error()).contains("content digest sha256:" + "5".repeat(64) + ": not found");
        assertThat(a.imports.get()).isEqualTo(2);
    }

    @Test
    void readsTheImageOnceForEveryNodeThatLacksIt() {
        MemoryNode a = MemoryNode.empty("node-a");
        MemoryNode b = MemoryNode.empty("node-b");
        MemoryNode c = MemoryNode.empty("node-c");

        ImageDistributed distributed = stage(a, b, c).distribute(built);

        assertThat(source.opened.get()).isEqualTo(1);
        assertThat(distributed.nodes()).allSatisfy(result -> {
            assertThat(result.outcome()).isEqualTo(NodeOutcome.IMPORTED);
            assertThat(result.bytes()).isEqualTo(ARCHIVE.length);
        });
        for (MemoryNode node : List.of(a, b, c)) {
            assertThat(node.received.get(ID)).isEqualTo(ARCHIVE);
        }
    }

    @Test
    void anUnreachableNodeFailsAndTheOthersStillGetTheImage() {
        MemoryNode down = MemoryNode.unreachable("node-a");
        MemoryNode b = MemoryNode.empty("node-b");

        ImageDistributed distributed = stage(down, b).distribute(built);

        assertThat(distributed.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(distributed.nodes().get(0).outcome()).isEqualTo(NodeOutcome.FAILED);
        assertThat(distributed.nodes().get(0).error()).isEqualTo("node node-a: connection refused");
        assertThat(distributed.nodes().get(1).outcome()).isEqualTo(NodeOutcome.IMPORTED);
        assertThat(distributed.error()).contains("is not on 1 of 2 nodes (node-a)", "node node-a: connection refused");
    }

    @Test
    void aNodeThatDoesNotHoldTheIdAfterTheImportFails() {
        MemoryNode forgetful = MemoryNode.empty("node-a");
        forgetful.forgetsImports = true;

        ImageDistributed distributed = stage(forgetful).distribute(built);

        NodeResult result = distributed.nodes().get(0);
        assertThat(result.outcome()).isEqualTo(NodeOutcome.FAILED);
        assertThat(result.bytes()).isEqualTo(ARCHIVE.length);
        assertThat(result.error()).isEqualTo("node node-a (memory://node-a): the import finished but the node does not hold "
                + ID + ". Look at the node's engine log for the import.");
    }

    @Test
    void aNodeWhoseImportFailsDoesNotStopTheOthers() {
        MemoryNode full = MemoryNode.empty("node-a");
        full.failImportAfter = 20_000;
        MemoryNode b = MemoryNode.empty("node-b");

        ImageDistributed distributed = stage(full, b).distribute(built);

        assertThat(distributed.nodes().get(0).outcome()).isEqualTo(NodeOutcome.FAILED);
        assertThat(distributed.nodes().get(0).error()).isEqualTo("node node-a: no space left on device");
        assertThat(distributed.nodes().get(1).outcome()).isEqualTo(NodeOutcome.IMPORTED);
        assertThat(b.received.get(ID)).isEqualTo(ARCHIVE);
    }

    @Test
    void aBuildEngineWithoutTheImageFailsOnlyTheNodesThatNeededIt() {
        source.missing = true;
        MemoryNode a = MemoryNode.holding("node-a", ID);
        MemoryNode b = MemoryNode.empty("node-b");

        ImageDistributed distributed = stage(a, b).distribute(built);

        assertThat(distributed.nodes().get(0).outcome()).isEqualTo(NodeOutcome.ALREADY_PRESENT);
        assertThat(distributed.nodes().get(1).outcome()).isEqualTo(NodeOutcome.FAILED);
        assertThat(distributed.nodes().get(1).error()).isEqualTo("node node-b: the build engine does not hold example/api:1.0");
    }

    @Test
    void aRedeliveredImageBuiltSendsNothingAndSucceedsAgain() {
        MemoryNode a = MemoryNode.holding("node-a", ID);
        MemoryNode b = MemoryNode.empty("node-b");
        DistributionStage stage = stage(a, b);
        stage.distribute(built);

        ImageDistributed again = stage.distribute(built);

        assertThat(again.outcome()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(again.nodes()).allSatisfy(result -> {
            assertThat(result.outcome()).isEqualTo(NodeOutcome.ALREADY_PRESENT);
            assertThat(result.bytes()).isZero();
        });
        assertThat(source.opened.get()).isEqualTo(1);
    }

    @Test
    void aFailedBuildIsPassedThroughWithoutAskingAnyNode() {
        MemoryNode a = MemoryNode.unreachable("node-a");

        ImageDistributed distributed = stage(a).distribute(TestEvents.failedBuild("example-1.0-abc", "api", "exit 1"));

        assertThat(distributed.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(distributed.nodes()).isEmpty();
        assertThat(distributed.error()).isEqualTo("not distributed: the build of api failed: exit 1");
        assertThat(a.asked.get()).isZero();
    }

    private static byte[] archive(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 7);
        for (int i = 0; i < size; i += 1000) {
            bytes[i] = (byte) (i / 1000);
        }
        return bytes;
    }

    /** The build engine in memory: opening counts reads. */
    private static final class MemorySource implements ImageSource {
        final AtomicInteger opened = new AtomicInteger();
        boolean missing;

        @Override
        public String address() {
            return "memory://build";
        }

        @Override
        public InputStream open(BuiltImage image) {
            if (missing) {
                throw new TransportException("the build engine does not hold " + image.ref());
            }
            opened.incrementAndGet();
            return new ByteArrayInputStream(ARCHIVE);
        }
    }

    /** A node in memory: holds image ids, records what it received and which references it named. */
    private static final class MemoryNode implements NodeTransport {
        final NodeName name;
        final Set<ImageId> held = ConcurrentHashMap.newKeySet();
        final Map<ImageId, byte[]> received = new ConcurrentHashMap<>();
        final Set<ImageRef> named = ConcurrentHashMap.newKeySet();
        final AtomicInteger asked = new AtomicInteger();
        boolean down;
        boolean forgetsImports;
        int failImportAfter = -1;
        /** Imports that fail as containerd does when a layer blob vanished under the import. */
        int vanishedLayerImports;
        final AtomicInteger imports = new AtomicInteger();

        private MemoryNode(String name) {
            this.name = NodeName.of(name);
        }

        static MemoryNode empty(String name) {
            return new MemoryNode(name);
        }

        static MemoryNode holding(String name, ImageId id) {
            MemoryNode node = new MemoryNode(name);
            node.held.add(id);
            return node;
        }

        static MemoryNode unreachable(String name) {
            MemoryNode node = new MemoryNode(name);
            node.down = true;
            return node;
        }

        @Override
        public NodeName node() {
            return name;
        }

        @Override
        public String kind() {
            return "memory";
        }

        @Override
        public String address() {
            return "memory://" + name;
        }

        @Override
        public boolean holds(ImageId id) {
            asked.incrementAndGet();
            if (down) {
                throw new TransportException("node " + name + ": connection refused");
            }
            return held.contains(id);
        }

        @Override
        public void receive(BuiltImage image, InputStream archive) {
            imports.incrementAndGet();
            try {
                if (vanishedLayerImports > 0) {
                    vanishedLayerImports--;
                    archive.readAllBytes();
                    throw new TransportException("node " + name + ": importing failed: ctr: failed to extract layer "
                            + "sha256:" + "5".repeat(64) + ": failed to get reader from content store: content digest sha256:"
                            + "5".repeat(64) + ": not found");
                }
                if (failImportAfter >= 0) {
                    archive.readNBytes(failImportAfter);
                    throw new TransportException("node " + name + ": no space left on device");
                }
                received.put(image.id(), archive.readAllBytes());
            } catch (IOException e) {
                throw new TransportException("node " + name + ": " + e.getMessage(), e);
            }
            if (!forgetsImports) {
                held.add(image.id());
            }
        }

        @Override
        public void name(BuiltImage image) {
            named.add(image.ref());
        }
    }
}
