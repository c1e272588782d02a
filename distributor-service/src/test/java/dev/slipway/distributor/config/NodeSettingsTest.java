package dev.slipway.distributor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.names.NodeName;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {
    private static NodesConfig.Node engine(String address) {
        return () -> Optional.ofNullable(address);
    }

    @Test
    void readsEveryNodeSortedByName() {
        var nodes = NodeSettings.nodes(Map.of(
                "vps-2", engine("tcp://10.0.0.5:2375"),
                "vps-1", engine("unix:///var/run/docker.sock")));

        assertThat(nodes).containsExactly(
                new ConfiguredNode(NodeName.of("vps-1"), URI.create("unix:///var/run/docker.sock")),
                new ConfiguredNode(NodeName.of("vps-2"), URI.create("tcp://10.0.0.5:2375")));
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
}
