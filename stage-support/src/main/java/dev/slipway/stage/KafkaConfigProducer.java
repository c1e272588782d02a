package dev.slipway.stage;

import dev.slipway.kafka.security.ClientSecurity;
import dev.slipway.kafka.security.KafkaSecuritySettings;
import dev.slipway.kafka.security.KafkaSetting;
import io.quarkus.kafka.client.runtime.KafkaRuntimeConfigProducer;
import io.quarkus.runtime.ApplicationConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * The service's Kafka client settings, {@code default-kafka-broker}: what Quarkus makes of the {@code kafka.*} keys,
 * with the Slipway security settings on top ({@link StageKafkaSecurity}). Every channel's consumer and producer, its
 * dead-letter producer, the Kafka connector's health checks, the verifier's state store and the CDEvents producer are
 * made from this one map, so one set of {@code slipway.kafka.*} keys secures them all. Replaces Quarkus's own producer
 * of the map (a default bean).
 */
@Singleton
public class KafkaConfigProducer {
    private static final Logger LOG = Logger.getLogger(KafkaConfigProducer.class);

    @Produces
    @Singleton
    @Identifier("default-kafka-broker")
    public Map<String, Object> kafkaConfig(Config config, ApplicationConfig application) {
        Map<String, Object> kafka = new KafkaRuntimeConfigProducer().createKafkaRuntimeConfig(config, application);
        KafkaSecuritySettings settings = StageKafkaSecurity.settings(key -> config.getOptionalValue(key, String.class));
        if (settings.isEmpty()) {
            return kafka;
        }
        ClientSecurity security = ClientSecurity.of(settings, KafkaSetting.Naming.CONFIG);
        LOG.infof("Kafka clients connect to %s with %s", kafka.get("bootstrap.servers"), security.summary());
        return StageKafkaSecurity.merge(kafka, settings, security);
    }
}
