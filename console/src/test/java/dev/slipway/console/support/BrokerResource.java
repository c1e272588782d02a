package dev.slipway.console.support;

import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.KafkaContainerBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real Kafka broker of its own (a container of the image built here) for a {@code @QuarkusTest} of the console; the
 * console is pointed at it. Not shared: the console reads the default topics from their beginning.
 */
public class BrokerResource implements QuarkusTestResourceLifecycleManager {
    private static KafkaBroker broker;

    public static String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public Map<String, String> start() {
        broker = KafkaContainerBroker.start();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
