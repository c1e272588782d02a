package dev.slipway.verifier.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.broker.container.quarkus.KafkaContainerTestResource;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.names.NodeName;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verifier started with the node configuration the launcher passes to every service of a cluster that mixes
 * a Docker node with ssh-containerd k3s nodes (every key the distributor reads for them): it starts, and the
 * container checks look at the Docker node only.
 */
@QuarkusTest
@WithTestResource(KafkaContainerTestResource.class)
@TestProfile(SshContainerdNodesConfigTest.MixedNodes.class)
class SshContainerdNodesConfigTest {
    @Inject
    NodeEngines engines;

    @Test
    void startsWithSshContainerdNodesAndLooksAtTheDockerNodeOnly() {
        assertThat(engines.clients().keySet()).extracting(NodeName::value).containsExactly("local");
    }

    public static class MixedNodes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("slipway.nodes.local.engine", DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV));
            for (int i = 1; i <= 2; i++) {
                String prefix = "slipway.nodes.k3s-" + i + ".";
                config.put(prefix + "transport", "ssh-containerd");
                config.put(prefix + "address", "root@127.0.0.1:2220" + i);
                config.put(prefix + "key", "/etc/slipway/id_ecdsa");
                config.put(prefix + "known-hosts", "/etc/slipway/known_hosts");
                config.put(prefix + "ctr-command", "ctr -a /run/k3s/containerd/containerd.sock -n k8s.io");
                config.put(prefix + "import-command", "ctr -a /run/k3s/containerd/containerd.sock -n k8s.io images import -");
                config.put(prefix + "platform", "linux/amd64");
                config.put(prefix + "pin", "true");
                config.put(prefix + "connect-attempts", "3");
            }
            return config;
        }
    }
}
