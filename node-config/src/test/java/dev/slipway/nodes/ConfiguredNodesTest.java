package dev.slipway.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.names.NodeName;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared node keys as the distributor documents them, read through the same strict mapping Quarkus uses
 * (SmallRye rejects keys under {@code slipway.nodes} that the mapping does not know).
 */
class ConfiguredNodesTest {
    private static final String ENGINE = "unix:///var/run/docker.sock";

    @Test
    void acceptsSshContainerdNodesWithoutAnEngineAndKeepsThemApartFromDockerNodes() {
        Map<String, String> keys = new HashMap<>(sshContainerdNode("k3s-1", "root@127.0.0.1:2201"));
        keys.putAll(sshContainerdNode("k3s-2", "root@127.0.0.1:2202"));
        keys.put("slipway.nodes.local.engine", ENGINE);

        ConfiguredNodes nodes = ConfiguredNodes.of(load(keys));

        assertThat(nodes.dockerEngines()).containsExactly(Map.entry(NodeName.of("local"), ENGINE));
        assertThat(nodes.otherNodes()).containsExactly(Map.entry(NodeName.of("k3s-1"), "ssh-containerd"),
                Map.entry(NodeName.of("k3s-2"), "ssh-containerd"));
    }

    @Test
    void aClusterOfOnlySshContainerdNodesHasNoDockerNode() {
        ConfiguredNodes nodes = ConfiguredNodes.of(load(sshContainerdNode("vps-1", "root@10.0.0.5:22")));

        assertThat(nodes.dockerEngines()).isEmpty();
        assertThat(nodes.otherNodes()).containsOnlyKeys(NodeName.of("vps-1"));
    }

    @Test
    void aNodeWithOnlyAnEngineIsADockerNode() {
        ConfiguredNodes nodes = ConfiguredNodes.of(load(Map.of("slipway.nodes.vps-1.engine", " tcp://10.0.0.4:2375 ",
                "slipway.nodes.vps-2.transport", "docker", "slipway.nodes.vps-2.engine", ENGINE)));

        assertThat(nodes.dockerEngines()).containsExactly(Map.entry(NodeName.of("vps-1"), "tcp://10.0.0.4:2375"),
                Map.entry(NodeName.of("vps-2"), ENGINE));
        assertThat(nodes.otherNodes()).isEmpty();
    }

    @Test
    void noNodeAtAllIsNoDockerNode() {
        ConfiguredNodes nodes = ConfiguredNodes.of(load(Map.of()));

        assertThat(nodes.dockerEngines()).isEmpty();
        assertThat(nodes.otherNodes()).isEmpty();
    }

    @Test
    void refusesADockerNodeWithoutAnEngineNamingTheKey() {
        assertThatThrownBy(() -> ConfiguredNodes.of(load(Map.of("slipway.nodes.vps-1.transport", "docker"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slipway.nodes.vps-1.engine is not set")
                .hasMessageContaining("for a k3s node set slipway.nodes.vps-1.transport=ssh-containerd");
    }

    @Test
    void reportsEveryBadNameAndEngineAtOnce() {
        assertThatThrownBy(() -> ConfiguredNodes.of(load(Map.of(
                "slipway.nodes.vps;rm -rf /.engine", ENGINE,
                "slipway.nodes.vps-2.engine", "http://10.0.0.4:2375"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slipway.nodes.vps;rm -rf /: ")
                .hasMessageContaining("slipway.nodes.vps-2.engine: Docker engine address 'http://10.0.0.4:2375' is not valid");
    }

    @Test
    void aMistypedNodeKeyIsStillRefusedByTheMapping() {
        assertThatThrownBy(() -> load(Map.of("slipway.nodes.vps-1.engien", ENGINE)))
                .hasMessageContaining("slipway.nodes.vps-1.engien");
    }

    /** Every key the distributor reads for an ssh-containerd node. */
    private static Map<String, String> sshContainerdNode(String name, String address) {
        String prefix = "slipway.nodes." + name + ".";
        return Map.of(prefix + "transport", "ssh-containerd",
                prefix + "address", address,
                prefix + "key", "/etc/slipway/id_ecdsa",
                prefix + "known-hosts", "/etc/slipway/known_hosts",
                prefix + "ctr-command", "ctr -a /run/k3s/containerd/containerd.sock -n k8s.io",
                prefix + "import-command", "ctr -a /run/k3s/containerd/containerd.sock -n k8s.io images import -",
                prefix + "platform", "linux/amd64",
                prefix + "pin", "true",
                prefix + "connect-attempts", "3");
    }

    private static NodesConfig load(Map<String, String> keys) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(NodesConfig.class)
                .withSources(new PropertiesConfigSource(keys, "test", 100))
                .build();
        return config.getConfigMapping(NodesConfig.class);
    }
}
