package dev.slipway.distributor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.distributor.ssh.SshAddress;
import dev.slipway.events.names.NodeName;
import dev.slipway.nodes.NodesConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSettingsTest {
    private static NodesConfig.Node engine(String address) {
        return new TestNode(Map.of("engine", address == null ? "" : address));
    }

    private static NodesConfig.Node ssh(Map<String, String> keys) {
        Map<String, String> all = new java.util.HashMap<>(keys);
        all.put("transport", "ssh-containerd");
        return new TestNode(all);
    }

    /** A node's keys as the configuration would give them; an empty value is an unset key. */
    record TestNode(Map<String, String> keys) implements NodesConfig.Node {
        private Optional<String> key(String name) {
            return Optional.ofNullable(keys.get(name)).filter(value -> !value.isEmpty());
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

    @Test
    void readsEveryNodeSortedByName() {
        var nodes = NodeSettings.nodes(Map.of(
                "vps-2", engine("tcp://10.0.0.5:2375"),
                "vps-1", engine("unix:///var/run/docker.sock")));

        assertThat(nodes).containsExactly(
                new ConfiguredNode.Docker(NodeName.of("vps-1"), URI.create("unix:///var/run/docker.sock")),
                new ConfiguredNode.Docker(NodeName.of("vps-2"), URI.create("tcp://10.0.0.5:2375")));
    }

    @Test
    void refusesToStartWithoutAnyNode() {
        assertThatThrownBy(() -> NodeSettings.nodes(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no node is configured")
                .hasMessageContaining("slipway.nodes.<node-name>.engine=");
    }

    @Test
    void reportsEveryBadNodeWithTheKeyToFix() {
        assertThatThrownBy(() -> NodeSettings.nodes(Map.of(
                "Bad;Node", engine("unix:///var/run/docker.sock"),
                "vps-1", engine("http://10.0.0.4"),
                "vps-2", engine(null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("slipway.nodes.Bad;Node: node name 'Bad;Node' is not valid")
                .hasMessageContaining("slipway.nodes.vps-1.engine: Docker engine address 'http://10.0.0.4' is not valid")
                .hasMessageContaining("slipway.nodes.vps-2.engine is not set");
    }

    @Test
    void refusesAMissingOrInvalidBuildEngine() {
        assertThatThrownBy(() -> NodeSettings.sourceEngine(Optional.empty()))
                .hasMessageContaining("slipway.distributor.source-engine is not set");
        assertThatThrownBy(() -> NodeSettings.sourceEngine(Optional.of("ftp://x")))
                .hasMessageContaining("slipway.distributor.source-engine: Docker engine address 'ftp://x' is not valid");
        assertThat(NodeSettings.sourceEngine(Optional.of("unix:///run/build.sock"))).isEqualTo(URI.create("unix:///run/build.sock"));
    }

    @Test
    void readsAnSshContainerdNodeWithTheK3sImportCommandByDefault(@TempDir Path files) throws IOException {
        Path key = Files.writeString(files.resolve("id_ecdsa"), "key");
        Path knownHosts = Files.writeString(files.resolve("known_hosts"), "");

        var nodes = NodeSettings.nodes(Map.of("k3s-1", ssh(Map.of("address", "root@10.0.0.5:2222",
                "key", key.toString(), "known-hosts", knownHosts.toString(), "pin", "true"))));

        var node = (ConfiguredNode.SshContainerd) nodes.get(0);
        assertThat(node.address()).isEqualTo(new SshAddress("root", "10.0.0.5", 2222));
        assertThat(node.key()).isEqualTo(key);
        assertThat(node.knownHosts()).isEqualTo(knownHosts);
        assertThat(node.pin()).isTrue();
        assertThat(node.connectAttempts()).isEqualTo(3);
        assertThat(node.commands().importImage()).isEqualTo("k3s ctr -n k8s.io images import -");
    }

    @Test
    void addsThePlatformToTheDefaultImportCommandQuoted(@TempDir Path files) throws IOException {
        Path key = Files.writeString(files.resolve("id_ecdsa"), "key");
        var nodes = NodeSettings.nodes(Map.of("k3s-1", ssh(Map.of("address", "root@k3s-1.example.com",
                "key", key.toString(), "known-hosts", key.toString(), "platform", "linux/arm64"))));

        var node = (ConfiguredNode.SshContainerd) nodes.get(0);
        assertThat(node.address().port()).isEqualTo(22);
        assertThat(node.commands().importImage()).isEqualTo("k3s ctr -n k8s.io images import --platform 'linux/arm64' -");
    }

    @Test
    void reportsEveryMissingOrInvalidSshSetting() {
        assertThatThrownBy(() -> NodeSettings.nodes(Map.of(
                "k3s-1", ssh(Map.of("address", "root@host;rm -rf /:22", "key", "/nonexistent/id", "platform", "linux/$(id)")),
                "k3s-2", ssh(Map.of()),
                "k3s-3", new TestNode(Map.of("transport", "ftp")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("slipway.nodes.k3s-1.address: SSH host 'host;rm -rf /' is not valid")
                .hasMessageContaining("slipway.nodes.k3s-1.key: /nonexistent/id is not a readable file")
                .hasMessageContaining("slipway.nodes.k3s-1.known-hosts is not set")
                .hasMessageContaining("platform 'linux/$(id)' is not valid")
                .hasMessageContaining("slipway.nodes.k3s-2.address is not set")
                .hasMessageContaining("slipway.nodes.k3s-3.transport: 'ftp' is not a transport");
    }

    @Test
    void mapsTheSshKeysAsAnOperatorWritesThem(@TempDir Path files) throws IOException {
        Path key = Files.writeString(files.resolve("id_ecdsa"), "key");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(NodesConfig.class)
                .withSources(new PropertiesConfigSource(Map.of(
                        "slipway.nodes.k3s-1.transport", "ssh-containerd",
                        "slipway.nodes.k3s-1.address", "root@10.0.0.5:2222",
                        "slipway.nodes.k3s-1.key", key.toString(),
                        "slipway.nodes.k3s-1.known-hosts", key.toString(),
                        "slipway.nodes.k3s-1.ctr-command", "sudo k3s ctr -n k8s.io",
                        "slipway.nodes.k3s-1.platform", "linux/arm64",
                        "slipway.nodes.k3s-1.pin", "true",
                        "slipway.nodes.k3s-1.connect-attempts", "5",
                        "slipway.nodes.vps-1.engine", "unix:///var/run/docker.sock"), "test", 100))
                .build();

        var nodes = NodeSettings.nodes(config.getConfigMapping(NodesConfig.class).nodes());

        assertThat(nodes.get(0)).isInstanceOf(ConfiguredNode.SshContainerd.class);
        var ssh = (ConfiguredNode.SshContainerd) nodes.get(0);
        assertThat(ssh.commands().importImage()).isEqualTo("sudo k3s ctr -n k8s.io images import --platform 'linux/arm64' -");
        assertThat(ssh.pin()).isTrue();
        assertThat(ssh.connectAttempts()).isEqualTo(5);
        assertThat(ssh.knownHosts()).isEqualTo(key);
        assertThat(nodes.get(1)).isEqualTo(new ConfiguredNode.Docker(NodeName.of("vps-1"), URI.create("unix:///var/run/docker.sock")));
    }
}
