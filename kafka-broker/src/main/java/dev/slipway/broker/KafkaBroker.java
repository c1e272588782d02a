package dev.slipway.broker;

/** A Kafka broker this JVM started: in this JVM ({@link EmbeddedKafkaBroker}) or as its own process ({@link KafkaBrokerProcess}). */
public interface KafkaBroker extends AutoCloseable {
    /** The address clients bootstrap from, e.g. {@code 127.0.0.1:40321}. */
    String bootstrapServers();

    /** Stops the broker and removes its data. */
    @Override
    void close();
}
