package dev.slipway.verifier.messaging;

import dev.slipway.docker.DockerEngines;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the verifier's one node, {@code test-node}, at the test engine (SLIPWAY_DOCKER_HOST). */
public class TestNodeResource implements QuarkusTestResourceLifecycleManager {
    public static final String NODE = "test-node";

    @Override
    public Map<String, String> start() {
        return Map.of("slipway.nodes." + NODE + ".engine", DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV));
    }

    @Override
    public void stop() {}
}
