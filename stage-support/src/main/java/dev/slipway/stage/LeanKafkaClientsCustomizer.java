package dev.slipway.stage;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/** Applies {@link LeanKafkaClients} to every Kafka client (consumer and producer) SmallRye creates in this service. */
@ApplicationScoped
public class LeanKafkaClientsCustomizer implements ClientCustomizer<Map<String, Object>> {
    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        Map<String, Object> added = LeanKafkaClients.settings(key -> config.containsKey(key)
                || channelConfig.getOptionalValue(key, String.class).isPresent());
        if (added.isEmpty()) {
            return config;
        }
        Map<String, Object> customized = new HashMap<>(config);
        customized.putAll(added);
        return customized;
    }
}
