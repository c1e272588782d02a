package dev.slipway.broker;

import java.util.Map;

/**
 * A Kafka broker this JVM started: in this JVM ({@link EmbeddedKafkaBroker}), as its own process
 * ({@link KafkaBrokerProcess}), or in a container (the tests' {@code KafkaContainerBroker}, module kafka-container).
 */
public interface KafkaBroker extends AutoCloseable {
    /** The address clients bootstrap from, e.g. {@code 127.0.0.1:40321}. */
    String bootstrapServers();

    /** The settings a Kafka client needs to reach the broker. */
    default Map<String, Object> clientProperties() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    /** Stops the broker and removes its data. */
    @Override
    void close();
}
