package dev.slipway.kafka.security;

/** A Kafka security setting that cannot be used; the message names the setting and what to change. */
public final class KafkaSettingsException extends IllegalArgumentException {
    public KafkaSettingsException(String message) {
        super(message);
    }
}
