package dev.slipway.distributor.messaging;

import dev.slipway.docker.DockerEngines;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Configures the distributor under test with the two real test engines: node-a is engine 1 (also the
 * build engine images are read from), node-b is engine 2.
 */
public class DockerNodesTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        String one = DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV);
        String two = DockerEngines.testEngine(DockerEngines.SECOND_TEST_ENGINE_ENV);
        return Map.of(
                "slipway.nodes.node-a.engine", one,
                "slipway.nodes.node-b.engine", two,
                "slipway.distributor.source-engine", one);
    }

    @Override
    public void stop() {}
}
