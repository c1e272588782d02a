package dev.slipway.stage;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Applies {@link BrokerReconnect} to every Kafka client (consumer and producer) SmallRye creates in this
 * service, so that a stage is back at work within about a second of a restarted broker answering again.
 */
@ApplicationScoped
public class BrokerReconnectCustomizer implements ClientCustomizer<Map<String, Object>> {
    private static final Logger LOG = Logger.getLogger(BrokerReconnectCustomizer.class);

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        Duration maxWait = ConfigProvider.getConfig().getOptionalValue("slipway.stage.reconnect-backoff-max", Duration.class)
                .orElse(Duration.ofSeconds(1));
        boolean configured = channelConfig.getOptionalValue("reconnect.backoff.max.ms", String.class).isPresent();
        Map<String, Object> added = BrokerReconnect.settings(configured, maxWait);
        if (added.isEmpty()) {
            return config;
        }
        LOG.infof("channel %s: client %s", channel, added);
        Map<String, Object> customized = new HashMap<>(config);
        customized.putAll(added);
        return customized;
    }
}
