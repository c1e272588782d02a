package dev.slipway.verifier.docker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.verifier.config.NodesConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeEnginesTest {
    @Test
    void refusesANodeNameThatIsNotAValidNodeName() {
        assertThatThrownBy(() -> new NodeEngines(nodes("vps;rm -rf /", "unix:///run/docker.sock")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("configuration key slipway.nodes.vps;rm -rf /.engine")
                .hasMessageContaining("node name");
    }

    @Test
    void refusesAnEngineAddressThatIsNotUnixOrTcp() {
        assertThatThrownBy(() -> new NodeEngines(nodes("vps-1", "http://10.0.0.4:2375")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Docker engine address 'http://10.0.0.4:2375' is not valid");
    }

    private static NodesConfig nodes(String name, String engine) {
        NodesConfig.Node node = () -> java.util.Optional.of(engine);
        return () -> Map.of(name, node);
    }
}
