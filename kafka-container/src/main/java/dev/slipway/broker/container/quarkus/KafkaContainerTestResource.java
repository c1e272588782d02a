package dev.slipway.broker.container.quarkus;

import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.KafkaContainerBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a Kafka broker of its own in a container ({@link KafkaContainerBroker}) for a {@code @QuarkusTest} and points
 * the application's {@code kafka.bootstrap.servers} at it; a {@link KafkaBroker} field of the test gets the broker. Use
 * with {@code @WithTestResource(KafkaContainerTestResource.class)} on every test class (Quarkus 3.33 applies it only to
 * classes that carry the annotation). Each application start gets a fresh broker: the services read their default
 * topics in fixed consumer groups, so a broker shared with another test class would hand them its records.
 */
public class KafkaContainerTestResource implements QuarkusTestResourceLifecycleManager {
    private KafkaContainerBroker broker;

    @Override
    public Map<String, String> start() {
        broker = KafkaContainerBroker.start();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker, new TestInjector.MatchesType(KafkaBroker.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
