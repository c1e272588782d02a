package dev.slipway.kafka.security;

import java.util.Locale;

/**
 * One Slipway setting of how a Kafka client connects, with the three names a user writes it under: the CLI's option,
 * the services' configuration key, and the environment variable both read.
 * <pre>
 * SASL_PASSWORD_FILE  →  --sasl-password-file, slipway.kafka.sasl.password-file, SLIPWAY_KAFKA_SASL_PASSWORD_FILE
 * </pre>
 */
public enum KafkaSetting {
    SECURITY_PROTOCOL("--security-protocol", "slipway.kafka.security-protocol"),
    SASL_MECHANISM("--sasl-mechanism", "slipway.kafka.sasl.mechanism"),
    SASL_USERNAME("--sasl-username", "slipway.kafka.sasl.username"),
    SASL_PASSWORD_FILE("--sasl-password-file", "slipway.kafka.sasl.password-file"),
    SASL_JAAS_CONFIG_FILE("--sasl-jaas-config-file", "slipway.kafka.sasl.jaas-config-file"),
    TLS_CA_FILE("--tls-ca-file", "slipway.kafka.tls.ca-file"),
    CONFIG_FILE("--kafka-config", "slipway.kafka.config-file");

    /** Whose words a message uses: the CLI's options, or the services' configuration keys. */
    public enum Naming { CLI, CONFIG }

    private final String option;
    private final String key;

    KafkaSetting(String option, String key) {
        this.option = option;
        this.key = key;
    }

    public String option() {
        return option;
    }

    public String key() {
        return key;
    }

    /** The environment variable: the configuration key in upper case, every other character than a letter or digit an underscore. */
    public String env() {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The name the user wrote the setting under. */
    public String nameFor(Naming naming) {
        return naming == Naming.CLI ? option : key;
    }
}
