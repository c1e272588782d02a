package dev.slipway.stage;

import dev.slipway.kafka.security.ClientSecurity;
import dev.slipway.kafka.security.KafkaSecuritySettings;
import dev.slipway.kafka.security.KafkaSetting;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Kafka client settings of a service: Quarkus's {@code kafka.*} settings with the Slipway security settings
 * ({@code slipway.kafka.*}, {@link KafkaSetting}) turned into client properties on top. Done by code rather than in
 * configuration values, because Quarkus expands {@code ${...}} in every value (Kafka's {@code ${file:...}} config
 * providers clash with it) and a password must come from a mounted file, never from configuration.
 * <pre>
 * kafka.bootstrap.servers=slipway-kafka-bootstrap.kafka:9093
 * slipway.kafka.sasl.username=slipway-builder
 * slipway.kafka.sasl.password-file=/etc/slipway/kafka-user/password
 * slipway.kafka.tls.ca-file=/etc/slipway/kafka-ca/ca.crt
 *   → bootstrap.servers=…:9093, security.protocol=SASL_SSL, sasl.mechanism=SCRAM-SHA-512, sasl.jaas.config=…,
 *     ssl.truststore.type=PEM, ssl.truststore.location=/etc/slipway/kafka-ca/ca.crt
 * </pre>
 */
public final class StageKafkaSecurity {
    private StageKafkaSecurity() {}

    /** The settings {@code config} holds (a key's value, when set). */
    public static KafkaSecuritySettings settings(Function<String, Optional<String>> config) {
        return KafkaSecuritySettings.from(setting -> config.apply(setting.key()));
    }

    /**
     * {@code kafka} (the service's {@code kafka.*} settings as client properties) with {@code security} on top. When no
     * Slipway setting is given, {@code kafka} is returned as it is, so {@code kafka.security.protocol} and the like
     * still work on their own.
     */
    public static Map<String, Object> merge(Map<String, Object> kafka, KafkaSecuritySettings settings, ClientSecurity security) {
        if (settings.isEmpty()) {
            return kafka;
        }
        Map<String, Object> merged = new LinkedHashMap<>(kafka);
        merged.putAll(security.properties());
        return merged;
    }
}
