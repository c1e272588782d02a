package dev.slipway.stage;

import dev.slipway.kafka.security.ClientSecurity;
import dev.slipway.kafka.security.KafkaRefusal;
import dev.slipway.kafka.security.KafkaSetting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * A broker write that failed because the broker refused this service (its ACLs, its credentials, the TLS handshake),
 * said as {@link KafkaRefusal} says it with the service's configuration keys:
 * <pre>
 * TopicAuthorizationException  →  Kafka at kafka:9093 refused user slipway-builder access to topic slipway.verified:
 *                                 its ACLs do not allow this; grant it in the user's KafkaUser (deploy/strimzi/) …
 * </pre>
 * {@link BrokerHealth} reports it so in the readiness check and the log.
 */
@ApplicationScoped
public class KafkaRefusals {
    @Inject
    Config config;

    private volatile ClientSecurity security;

    public Optional<String> explain(Throwable failure) {
        ClientSecurity known = security();
        if (known == null) {
            return Optional.empty();
        }
        String bootstrap = config.getOptionalValue("kafka.bootstrap.servers", String.class).orElse("(kafka.bootstrap.servers)");
        return KafkaRefusal.explain(failure, bootstrap, known, KafkaSetting.Naming.CONFIG);
    }

    private ClientSecurity security() {
        if (security == null) {
            try {
                security = ClientSecurity.of(StageKafkaSecurity.settings(key -> config.getOptionalValue(key, String.class)),
                        KafkaSetting.Naming.CONFIG);
            } catch (RuntimeException e) {
                // settings that cannot be used stop the service at start (KafkaConfigProducer); nothing to add here
                return null;
            }
        }
        return security;
    }
}
