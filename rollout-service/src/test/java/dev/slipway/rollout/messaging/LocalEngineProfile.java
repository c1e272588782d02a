package dev.slipway.rollout.messaging;

import dev.slipway.docker.DockerEngines;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** One node, {@code local}, on the test engine; a short settle time. */
public class LocalEngineProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "slipway.nodes.local.engine", DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV),
                "slipway.rollout.settle", "500ms",
                "slipway.rollout.poll-interval", "50ms",
                "slipway.rollout.stop-timeout", "1s");
    }
}
