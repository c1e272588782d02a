package dev.slipway.distributor.messaging;

import dev.slipway.distributor.ssh.K3sNodes;
import dev.slipway.docker.DockerEngines;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Configures the distributor under test as for a k3s cluster: nodes k3s-1 and k3s-2 are the first two
 * simulated k3s nodes ({@code scripts/k3s-nodes.sh}: containerd + OpenSSH on loopback), reached over SSH with
 * the nodes' key and known_hosts, importing with {@code ctr -a <socket> -n k8s.io images import -}; images
 * are read from the test engine (SLIPWAY_DOCKER_HOST).
 */
public class K3sNodesTestResource implements QuarkusTestResourceLifecycleManager {
    public static final List<String> NODES = List.of("k3s-1", "k3s-2");

    @Override
    public Map<String, String> start() {
        List<K3sNodes.Node> nodes = K3sNodes.nodes(NODES.size(), NODES.size());
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < NODES.size(); i++) {
            String prefix = "slipway.nodes." + NODES.get(i) + ".";
            K3sNodes.Node node = nodes.get(i);
            config.put(prefix + "transport", "ssh-containerd");
            config.put(prefix + "address", node.address());
            config.put(prefix + "key", K3sNodes.key().toString());
            config.put(prefix + "known-hosts", K3sNodes.knownHosts().toString());
            config.put(prefix + "ctr-command", node.ctr());
            config.put(prefix + "import-command", node.ctr() + " images import -");
            config.put(prefix + "connect-attempts", "2");
        }
        config.put("slipway.distributor.source-engine", DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV));
        return config;
    }

    @Override
    public void stop() {}
}
