package dev.slipway.distributor.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.distributor.TestEvents;
import dev.slipway.distributor.config.ConfiguredNode;
import dev.slipway.distributor.config.NodeSettings;
import dev.slipway.distributor.docker.DockerImageSource;
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
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.InvalidNameException;
import dev.slipway.nodes.NodesConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ssh-containerd transport against real simulated k3s nodes (containerd + OpenSSH on loopback, from
 * {@code scripts/k3s-nodes.sh}), configured as an operator would, with images built on the real test engine.
 */
class SshContainerdDistributionTest {
    private final String buildEngine = DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV);
    private final List<K3sNodes.Node> nodes = K3sNodes.nodes(2, 4);
    private DockerClient engine;
    private final List<BuiltImage> images = new ArrayList<>();
    private final List<DistributionStage> stages = new ArrayList<>();
    @TempDir
    Path files;

    @BeforeEach
    void connect() {
        engine = DockerEngines.connect(buildEngine);
    }

    @AfterEach
    void cleanUp() throws IOException {
        stages.forEach(DistributionStage::close);
        for (BuiltImage image : images) {
            nodes.forEach(node -> K3sNodes.remove(node, ContainerdCommands.containerdName(image.ref())));
            TestImages.remove(engine, image);
        }
        engine.close();
    }

    @Test
    void importsOnEveryNodeAndARerunSendsNothing() {
        BuiltImage image = build();
        Map<String, Map<String, String>> configured = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            configured.put("k3s-" + (i + 1), node(nodes.get(i), Map.of("pin", "true")));
        }
        DistributionStage stage = stage(configured);

        ImageDistributed first = stage.distribute(built(image));

        assertThat(first.outcome()).as("%s", first).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(first.nodes()).hasSize(nodes.size()).allSatisfy(result -> {
            assertThat(result.outcome()).isEqualTo(NodeOutcome.IMPORTED);
            assertThat(result.bytes()).isGreaterThan(image.sizeBytes() / 2);
        });
        String name = ContainerdCommands.containerdName(image.ref());
        for (K3sNodes.Node node : nodes) {
            String listed = K3sNodes.ctr(node, "images", "ls", "name==" + name);
            assertThat(listed).contains(name).contains(ContainerdCommands.PIN_LABEL);
            assertThat(K3sNodes.ctr(node, "content", "ls", "-q").lines()).contains(image.id().value());
        }

        ImageDistributed again = stage.distribute(built(image));

        assertThat(again.outcome()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(again.nodes()).extracting(NodeResult::outcome, NodeResult::bytes)
                .containsOnly(tuple(NodeOutcome.ALREADY_PRESENT, 0L));
    }

    @Test
    void aNodeWhoseContainerdIsDownFailsWithCtrsErrorAndTheOthersImport() {
        BuiltImage image = build();
        String stopped = "/tmp/slipway-test-distributor-" + UUID.randomUUID() + "/containerd.sock";
        Map<String, Map<String, String>> configured = new LinkedHashMap<>();
        configured.put("k3s-1", node(nodes.get(0), Map.of()));
        configured.put("k3s-down", node(nodes.get(1), Map.of("ctr-command", "ctr -a " + stopped + " -n k8s.io")));

        ImageDistributed distributed = stage(configured).distribute(built(image));

        assertThat(distributed.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(distributed.nodes()).extracting(result -> result.node().value(), NodeResult::outcome)
                .containsExactly(tuple("k3s-1", NodeOutcome.IMPORTED), tuple("k3s-down", NodeOutcome.FAILED));
        assertThat(distributed.nodes().get(1).error())
                .startsWith("node k3s-down (ssh://" + nodes.get(1).address() + "): listing the blobs it holds with `ctr -a " + stopped)
                .contains("failed to dial \"" + stopped + "\"");
        assertThat(distributed.error()).contains("k3s-down");
    }

    @Test
    void aFailedImportCarriesTheImportCommandsStderr() {
        BuiltImage image = build();
        String stopped = "/tmp/slipway-test-distributor-" + UUID.randomUUID() + "/containerd.sock";
        Map<String, Map<String, String>> configured = new LinkedHashMap<>();
        configured.put("k3s-1", node(nodes.get(0), Map.of()));
        configured.put("k3s-2", node(nodes.get(1), Map.of("import-command", "ctr -a " + stopped + " -n k8s.io images import -")));

        ImageDistributed distributed = stage(configured).distribute(built(image));

        assertThat(distributed.nodes()).extracting(NodeResult::outcome).containsExactly(NodeOutcome.IMPORTED, NodeOutcome.FAILED);
        assertThat(distributed.nodes().get(1).error())
                .startsWith("node k3s-2 (ssh://" + nodes.get(1).address() + "): importing " + image.ref() + " failed: `ctr -a "
                        + stopped + " -n k8s.io images import -` exited with 1: ")
                .contains("failed to dial \"" + stopped + "\"");
        assertThat(K3sNodes.ctr(nodes.get(1), "images", "ls", "-q").lines())
                .doesNotContain(ContainerdCommands.containerdName(image.ref()));
    }

    @Test
    void aNodeWhoseSnapshotterDirectoryWasPrunedFailsWithContainerdsErrorAndTheOthersImport() throws IOException {
        BuiltImage image = build();
        K3sNodes.Node pruned = nodes.get(1);
        Path snapshots = pruned.containerd().resolveSibling("root").resolve("io.containerd.snapshotter.v1.overlayfs/snapshots");
        Path away = snapshots.resolveSibling("snapshots.slipway-test-away");
        Map<String, Map<String, String>> configured = new LinkedHashMap<>();
        configured.put("k3s-1", node(nodes.get(0), Map.of()));
        configured.put("k3s-2", node(pruned, Map.of()));
        ImageDistributed distributed;
        Files.move(snapshots, away);
        try {
            distributed = stage(configured).distribute(built(image));
        } finally {
            Files.move(away, snapshots);
        }

        assertThat(distributed.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(distributed.nodes()).extracting(NodeResult::outcome).containsExactly(NodeOutcome.IMPORTED, NodeOutcome.FAILED);
        assertThat(distributed.nodes().get(1).error())
                .startsWith("node k3s-2 (ssh://" + pruned.address() + "): importing " + image.ref() + " failed: `")
                .contains("failed to prepare extraction snapshot")
                .contains(snapshots + ": no such file or directory");
        assertThat(distributed.error()).contains("is not on 1 of 2 nodes (k3s-2)");
    }

    @Test
    void aNodeThatRefusesConnectionsIsTriedAgainABoundedNumberOfTimesThenFailsAlone() throws IOException {
        BuiltImage image = build();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Map<String, String>> configured = new LinkedHashMap<>();
        configured.put("k3s-1", node(nodes.get(0), Map.of()));
        configured.put("k3s-gone", node(nodes.get(1), Map.of("address", "root@127.0.0.1:" + closedPort, "connect-attempts", "3")));

        ImageDistributed distributed = stage(configured).distribute(built(image));

        assertThat(distributed.nodes()).extracting(NodeResult::outcome).containsExactly(NodeOutcome.IMPORTED, NodeOutcome.FAILED);
        assertThat(distributed.nodes().get(1).error()).isEqualTo("node k3s-gone: cannot reach the ssh-containerd node at root@127.0.0.1:"
                + closedPort + " after 3 attempts (ConnectException: Connection refused). Check that its sshd is up and that "
                + "slipway.nodes.k3s-gone.address points at it.");
    }

    @Test
    void aConnectionResetIsTriedAgainAndTheNodeStillImports() throws IOException {
        BuiltImage image = build();
        K3sNodes.Node target = nodes.get(0);
        int sshdPort = Integer.parseInt(hostPort(target).substring(hostPort(target).indexOf(':') + 1));
        try (ResettingForwarder forwarder = new ResettingForwarder(sshdPort, 2)) {
            Path knownHosts = knownHostsFor(target, forwarder.port());
            Map<String, Map<String, String>> configured = new LinkedHashMap<>();
            configured.put("k3s-1", node(target, Map.of("address", "root@127.0.0.1:" + forwarder.port(),
                    "known-hosts", knownHosts.toString(), "connect-attempts", "3")));

            ImageDistributed distributed = stage(configured).distribute(built(image));

            assertThat(distributed.nodes()).extracting(NodeResult::outcome).containsExactly(NodeOutcome.IMPORTED);
            assertThat(forwarder.accepted()).isGreaterThan(2);
        }
        assertThat(K3sNodes.ctr(target, "images", "ls", "-q").lines()).contains(ContainerdCommands.containerdName(image.ref()));
    }

    /** A known_hosts listing the node's host key for another port on 127.0.0.1 (where the forwarder listens). */
    private Path knownHostsFor(K3sNodes.Node node, int port) throws IOException {
        String entry = "[" + hostPort(node).replace(":", "]:");
        String key = Files.readAllLines(K3sNodes.knownHosts()).stream().filter(line -> line.startsWith(entry + " "))
                .findFirst().orElseThrow().substring(entry.length() + 1);
        return Files.writeString(files.resolve("known_hosts_forwarded"), "[127.0.0.1]:" + port + " " + key + "\n");
    }

    @Test
    void aHostKeyThatDoesNotMatchKnownHostsIsRefusedNamingTheNode() throws IOException {
        BuiltImage image = build();
        Path swapped = swappedKnownHosts();
        Path unknown = Files.writeString(files.resolve("known_hosts_empty"), "");
        Map<String, Map<String, String>> configured = new LinkedHashMap<>();
        configured.put("k3s-1", node(nodes.get(0), Map.of("known-hosts", swapped.toString())));
        configured.put("k3s-2", node(nodes.get(1), Map.of("known-hosts", unknown.toString())));

        ImageDistributed distributed = stage(configured).distribute(built(image));

        assertThat(distributed.nodes()).extracting(NodeResult::outcome, NodeResult::bytes)
                .containsOnly(tuple(NodeOutcome.FAILED, 0L));
        assertThat(distributed.nodes().get(0).error())
                .startsWith("node k3s-1: refused: the host key of " + hostPort(nodes.get(0)))
                .contains("does not match its entry in the known_hosts file " + swapped);
        assertThat(distributed.nodes().get(1).error())
                .startsWith("node k3s-2: refused: the host key of " + hostPort(nodes.get(1)))
                .contains("is not in the known_hosts file " + unknown + " (unknown host)");
        nodes.subList(0, 2).forEach(node -> assertThat(K3sNodes.ctr(node, "images", "ls", "-q").lines())
                .doesNotContain(ContainerdCommands.containerdName(image.ref())));
    }

    @Test
    void shellMetacharactersInANodeNameOrImageReferenceAreRefusedBeforeAnyConnection() {
        Map<String, NodesConfig.Node> configured = new HashMap<>();
        configured.put("k3s-1;reboot", new ConfiguredKeys(node(nodes.get(0), Map.of())));
        configured.put("k3s-2", new ConfiguredKeys(node(nodes.get(1), Map.of("address", "root@127.0.0.1$(reboot):22"))));

        assertThatThrownBy(() -> NodeSettings.nodes(configured))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("slipway.nodes.k3s-1;reboot: node name 'k3s-1;reboot' is not valid")
                .hasMessageContaining("slipway.nodes.k3s-2.address: SSH host '127.0.0.1$(reboot)' is not valid");
        assertThatThrownBy(() -> ImageRef.parse("app;reboot:1.0")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> ImageRef.parse("app:1.0$(reboot)")).isInstanceOf(InvalidNameException.class);
    }

    private String hostPort(K3sNodes.Node node) {
        return node.address().substring(node.address().indexOf('@') + 1);
    }

    /** known_hosts with node 1's line carrying node 2's host key. */
    private Path swappedKnownHosts() throws IOException {
        List<String> lines = Files.readAllLines(K3sNodes.knownHosts());
        String one = "[" + hostPort(nodes.get(0)).replace(":", "]:");
        String two = "[" + hostPort(nodes.get(1)).replace(":", "]:");
        String twoKey = lines.stream().filter(line -> line.startsWith(two + " ")).findFirst().orElseThrow()
                .substring(two.length() + 1);
        return Files.writeString(files.resolve("known_hosts_swapped"), one + " " + twoKey + "\n");
    }

    private Map<String, String> node(K3sNodes.Node node, Map<String, String> overrides) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "transport", "ssh-containerd",
                "address", node.address(),
                "key", K3sNodes.key().toString(),
                "known-hosts", K3sNodes.knownHosts().toString(),
                "ctr-command", node.ctr(),
                "connect-attempts", "2"));
        keys.putAll(overrides);
        return keys;
    }

    private DistributionStage stage(Map<String, Map<String, String>> configured) {
        Map<String, NodesConfig.Node> nodeConfig = new HashMap<>();
        configured.forEach((name, keys) -> nodeConfig.put(name, new ConfiguredKeys(keys)));
        List<NodeTransport> transports = new ArrayList<>();
        for (ConfiguredNode node : NodeSettings.nodes(nodeConfig)) {
            transports.add(SshContainerdNodes.transport((ConfiguredNode.SshContainerd) node));
        }
        var executor = Executors.newCachedThreadPool();
        DistributionStage stage = new DistributionStage(transports, new DockerImageSource(URI.create(buildEngine)),
                new StreamFanOut(executor, 64 * 1024, 1024 * 1024), executor);
        stages.add(stage);
        return stage;
    }

    private BuiltImage build() {
        BuiltImage image = TestImages.build(engine);
        images.add(image);
        return image;
    }

    private static ImageBuilt built(BuiltImage image) {
        return TestEvents.built("distributor-test-1.0", "api", image);
    }

    /** A node's keys as the configuration gives them. */
    record ConfiguredKeys(Map<String, String> keys) implements NodesConfig.Node {
        private Optional<String> key(String name) {
            return Optional.ofNullable(keys.get(name));
        }

        @Override public Optional<String> transport() { return key("transport"); }
        @Override public Optional<String> engine() { return key("engine"); }
        @Override public Optional<String> address() { return key("address"); }
        @Override public Optional<String> key() { return key("key"); }
        @Override public Optional<String> knownHosts() { return key("known-hosts"); }
        @Override public Optional<String> ctrCommand() { return key("ctr-command"); }
        @Override public Optional<String> importCommand() { return key("import-command"); }
        @Override public Optional<String> platform() { return key("platform"); }
        @Override public Optional<Boolean> pin() { return key("pin").map(Boolean::parseBoolean); }
        @Override public Optional<Integer> connectAttempts() { return key("connect-attempts").map(Integer::parseInt); }
    }
}
