package dev.slipway.broker.quarkus;

import dev.slipway.broker.EmbeddedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a real in-process Kafka broker for a {@code @QuarkusTest} and points the application's
 * {@code kafka.bootstrap.servers} at it. Use with {@code @WithTestResource(KafkaBrokerTestResource.class)}
 * on every test class (Quarkus 3.33 applies it only to classes that carry the annotation).
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = EmbeddedKafkaBroker.start();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker, new TestInjector.MatchesType(EmbeddedKafkaBroker.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
