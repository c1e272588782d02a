package dev.slipway.verifier.docker;

import static dev.slipway.verifier.Releases.container;
import static dev.slipway.verifier.Releases.context;
import static dev.slipway.verifier.Releases.rolledOut;
import static dev.slipway.verifier.Releases.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.CheckResult;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.nodes.ConfiguredNodes;
import dev.slipway.nodes.NodesConfig;
import dev.slipway.verifier.Releases;
import dev.slipway.verifier.decision.ReleaseProgress;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeEnginesTest {
    @Test
    void refusesANodeNameThatIsNotAValidNodeName() {
        assertThatThrownBy(() -> new NodeEngines(nodes(Map.of("slipway.nodes.vps;rm -rf /.engine", "unix:///run/docker.sock"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slipway.nodes.vps;rm -rf /: ")
                .hasMessageContaining("node name");
    }

    @Test
    void refusesAnEngineAddressThatIsNotUnixOrTcp() {
        assertThatThrownBy(() -> new NodeEngines(nodes(Map.of("slipway.nodes.vps-1.engine", "http://10.0.0.4:2375"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slipway.nodes.vps-1.engine: Docker engine address 'http://10.0.0.4:2375' is not valid");
    }

    @Test
    void opensNoEngineForSshContainerdNodes() {
        NodeEngines engines = new NodeEngines(nodes(Map.of(
                "slipway.nodes.vps-1.transport", "ssh-containerd",
                "slipway.nodes.vps-1.address", "root@10.0.0.5:22",
                "slipway.nodes.vps-1.key", "/etc/slipway/id_ecdsa",
                "slipway.nodes.vps-1.known-hosts", "/etc/slipway/known_hosts")));

        assertThat(engines.clients()).isEmpty();
        engines.close();
    }

    @Test
    void aContainerCheckWithOnlySshContainerdNodesFailsNamingThemAndWhatToSet() {
        NodeEngines engines = new NodeEngines(new ConfiguredNodes(Map.of(),
                Map.of(NodeName.of("vps-1"), "ssh-containerd", NodeName.of("vps-2"), "ssh-containerd")));

        CheckResult row = check(engines);

        assertThat(row.passed()).isFalse();
        assertThat(row.observed()).isEqualTo("the verifier has no Docker node: nodes vps-1 (ssh-containerd), "
                + "vps-2 (ssh-containerd) are seen only through the Kubernetes API; set "
                + "slipway.nodes.<node>.engine=unix:///var/run/docker.sock for each node that runs the container, "
                + "or use a workload check for a service with a kubernetes: runtime");
        engines.close();
    }

    @Test
    void aContainerCheckWithNoNodeConfiguredFailsSayingWhatToSet() {
        NodeEngines engines = new NodeEngines(new ConfiguredNodes(Map.of(), Map.of()));

        CheckResult row = check(engines);

        assertThat(row.passed()).isFalse();
        assertThat(row.expected()).endsWith("on 0 nodes");
        assertThat(row.observed()).isEqualTo("the verifier has no node configured: set "
                + "slipway.nodes.<node>.engine=unix:///var/run/docker.sock for each node that runs the container");
        engines.close();
    }

    private static CheckResult check(NodeEngines engines) {
        CheckSpec spec = container("api runs", "api");
        ReleaseContext release = context(ReleaseId.of("shop-1"), List.of("api"), spec);
        var done = rolledOut(release, service("api", Releases.CONTAINER_PREFIX + "api"), Releases.IMAGE_ID);
        var rolledOut = ReleaseProgress.none(release.releaseId()).with(done).rolledOut();
        return new ContainerRunningCheck(new DockerContainerInspector(engines)).run(spec, rolledOut);
    }

    private static NodesConfig nodes(Map<String, String> keys) {
        return new SmallRyeConfigBuilder().withMapping(NodesConfig.class)
                .withSources(new PropertiesConfigSource(keys, "test", 100)).build()
                .getConfigMapping(NodesConfig.class);
    }
}
