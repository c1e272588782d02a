package dev.slipway.verifier.messaging;

import dev.slipway.verifier.kubernetes.MockCluster;
import dev.slipway.verifier.kubernetes.UsersCluster;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the mock API server holding the user's cluster and points the verifier at it through a kubeconfig file. */
public class MockClusterResource implements QuarkusTestResourceLifecycleManager {
    private static volatile MockCluster cluster;

    /** The running mock cluster, for a test to change its state. */
    public static MockCluster cluster() {
        return cluster;
    }

    @Override
    public Map<String, String> start() {
        cluster = MockCluster.start();
        UsersCluster.write(cluster.client());
        return Map.of("slipway.kubernetes.kubeconfig", cluster.kubeconfig().toString());
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
