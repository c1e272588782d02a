package dev.slipway.distributor.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.distributor.TestEvents;
import dev.slipway.distributor.config.ConfiguredNode;
import dev.slipway.distributor.config.NodeSettings;
import dev.slipway.distributor.docker.DockerImageSource;
import dev.slipway.distributor.docker.LayeredTestImages;
import dev.slipway.distributor.docker.TestImages;
import dev.slipway.distributor.stage.DistributionStage;
import dev.slipway.distributor.stream.StreamFanOut;
import dev.slipway.distributor.transport.NodeTransport;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.StageOutcome;
import dev.slipway.nodes.NodesConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sending only the layers a node lacks, on real containerd: images that share their lower layers with one
 * the node already holds arrive as an OCI layout with only their own layers, and the node's containerd
 * resolves, unpacks and runs them whole.
 */
class SshContainerdLayersTest {
    private static final int DEPENDENCY_BYTES = 3 * 1024 * 1024;
    private static final int TOP_BYTES = 512 * 1024;
    /** Tar headers, the manifest, the config and the index: a few KiB. */
    private static final long OVERHEAD_BYTES = 64 * 1024;

    private final String buildEngine = DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV);
    private final List<K3sNodes.Node> nodes = K3sNodes.nodes(2, 2);
    private final List<BuiltImage> images = new ArrayList<>();
    private final List<DistributionStage> stages = new ArrayList<>();
    private DockerClient engine;

    @BeforeEach
    void connect() {
        engine = DockerEngines.connect(buildEngine);
    }

    @AfterEach
    void cleanUp() throws Exception {
        stages.forEach(DistributionStage::close);
        List<BuiltImage> newestFirst = new ArrayList<>(images);
        java.util.Collections.reverse(newestFirst);
        for (BuiltImage image : newestFirst) {
            nodes.forEach(node -> K3sNodes.remove(node, ContainerdCommands.containerdName(image.ref())));
            TestImages.remove(engine, image);
        }
        engine.close();
    }

    @Test
    void aNodeHoldingTheSharedLayersIsSentOnlyTheNewTopLayerAndRunsTheImageWhole() {
        BuiltImage base = base();
        BuiltImage first = keep(LayeredTestImages.onTop(engine, base, "top.bin", TOP_BYTES));
        BuiltImage second = keep(LayeredTestImages.onTop(engine, base, "top.bin", TOP_BYTES));
        ImageDistributed onNodeOne = stage(nodes.subList(0, 1)).distribute(built("first", first));
        assertThat(onNodeOne.nodes()).extracting(NodeResult::outcome).containsExactly(NodeOutcome.IMPORTED);
        assertThat(onNodeOne.nodes().get(0).bytes()).as("the whole image").isGreaterThan(DEPENDENCY_BYTES + TOP_BYTES);

        ImageDistributed distributed = stage(nodes).distribute(built("second", second));

        assertThat(distributed.outcome()).as("%s", distributed).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(distributed.nodes()).extracting(NodeResult::outcome).containsOnly(NodeOutcome.IMPORTED);
        assertThat(distributed.nodes().get(0).bytes()).as("node 1 holds the base: only the top layer")
                .isBetween((long) TOP_BYTES, TOP_BYTES + OVERHEAD_BYTES);
        assertThat(distributed.nodes().get(1).bytes()).as("node 2 holds nothing: the whole image")
                .isGreaterThan(DEPENDENCY_BYTES + TOP_BYTES);
        String name = ContainerdCommands.containerdName(second.ref());
        for (K3sNodes.Node node : nodes) {
            assertThat(K3sNodes.ctr(node, "images", "check", "name==" + name)).contains("complete (4/4)");
            assertThat(run(node, name, "/bin/busybox wc -c /top.bin /deps.bin"))
                    .contains(TOP_BYTES + " /top.bin").contains(DEPENDENCY_BYTES + " /deps.bin");
        }
        assertThat(manifestDigest(nodes.get(0), name)).as("the same manifest whichever way the image came")
                .isEqualTo(manifestDigest(nodes.get(1), name));

        ImageDistributed again = stage(nodes).distribute(built("second", second));

        assertThat(again.nodes()).extracting(NodeResult::outcome, NodeResult::bytes)
                .containsOnly(tuple(NodeOutcome.ALREADY_PRESENT, 0L));
    }

    @Test
    void twoImagesOfOneReleaseSentAtOnceCarryTheirSharedLayersOverEachLinkOnce() throws Exception {
        BuiltImage base = base();
        BuiltImage web = keep(LayeredTestImages.onTop(engine, base, "top.bin", TOP_BYTES));
        BuiltImage api = keep(LayeredTestImages.onTop(engine, base, "top.bin", TOP_BYTES));
        DistributionStage stage = stage(nodes);
        List<Long> loginsBefore = nodes.stream().map(SshContainerdLayersTest::logins).toList();

        var webDone = java.util.concurrent.CompletableFuture.supplyAsync(() -> stage.distribute(built("web", web)));
        var apiDone = java.util.concurrent.CompletableFuture.supplyAsync(() -> stage.distribute(built("api", api)));
        List<NodeResult> results = new ArrayList<>(webDone.get().nodes());
        results.addAll(apiDone.get().nodes());

        assertThat(results).extracting(NodeResult::outcome).containsOnly(NodeOutcome.IMPORTED);
        long perNode = results.stream().mapToLong(NodeResult::bytes).sum() / nodes.size();
        assertThat(perNode).as("base once, two tops, per node")
                .isBetween((long) DEPENDENCY_BYTES + 2L * TOP_BYTES, DEPENDENCY_BYTES + 2L * TOP_BYTES + 2 * 1024 * 1024);
        assertThat(nodes.stream().map(SshContainerdLayersTest::logins).toList())
                .as("one SSH login per node, every command a channel on it")
                .isEqualTo(loginsBefore.stream().map(count -> count + 1).toList());
    }

    /** The logins the node's sshd has accepted so far (its log, written by scripts/k3s-nodes.sh's sshd -e). */
    private static long logins(K3sNodes.Node node) {
        try {
            return java.nio.file.Files.readAllLines(node.containerd().resolveSibling("sshd.log")).stream()
                    .filter(line -> line.startsWith("Accepted publickey")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String run(K3sNodes.Node node, String image, String command) {
        List<String> args = new ArrayList<>(List.of("run", "--rm", image, "slipway-test-" + UUID.randomUUID()));
        args.addAll(List.of(command.split(" ")));
        return K3sNodes.ctr(node, args.toArray(String[]::new));
    }

    private static String manifestDigest(K3sNodes.Node node, String name) {
        String line = K3sNodes.ctr(node, "images", "ls", "name==" + name).lines().skip(1).findFirst().orElseThrow();
        return line.split("\\s+")[2];
    }

    /** Busybox and 3 MiB of random "dependencies": the two layers the images of a release share. */
    private BuiltImage base() {
        return keep(LayeredTestImages.onTop(engine, keep(LayeredTestImages.busybox(engine)), "deps.bin", DEPENDENCY_BYTES));
    }

    private BuiltImage keep(BuiltImage image) {
        images.add(image);
        return image;
    }

    private DistributionStage stage(List<K3sNodes.Node> targets) {
        Map<String, NodesConfig.Node> configured = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            configured.put("k3s-" + (i + 1), new SshContainerdDistributionTest.ConfiguredKeys(Map.of(
                    "transport", "ssh-containerd",
                    "address", targets.get(i).address(),
                    "key", K3sNodes.key().toString(),
                    "known-hosts", K3sNodes.knownHosts().toString(),
                    "ctr-command", targets.get(i).ctr())));
        }
        List<NodeTransport> transports = new ArrayList<>();
        for (ConfiguredNode node : NodeSettings.nodes(configured)) {
            transports.add(SshContainerdNodes.transport((ConfiguredNode.SshContainerd) node));
        }
        var executor = Executors.newCachedThreadPool();
        DistributionStage stage = new DistributionStage(transports, new DockerImageSource(URI.create(buildEngine)),
                new StreamFanOut(executor, 64 * 1024, 1024 * 1024), executor);
        stages.add(stage);
        return stage;
    }

    private static ImageBuilt built(String service, BuiltImage image) {
        return TestEvents.built("distributor-layers-1.0", service, image);
    }
}
