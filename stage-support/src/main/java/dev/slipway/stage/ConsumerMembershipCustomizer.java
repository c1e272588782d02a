package dev.slipway.stage;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Applies {@link ConsumerMembership} to every Kafka consumer SmallRye creates in this service. The
 * replica's name is {@code slipway.instance-id}, else the {@code HOSTNAME} environment variable (a pod's
 * name in Kubernetes, kept across container restarts); without either the consumer is a dynamic member.
 */
@ApplicationScoped
public class ConsumerMembershipCustomizer implements ClientCustomizer<Map<String, Object>> {
    private static final Logger LOG = Logger.getLogger(ConsumerMembershipCustomizer.class);

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        Config all = ConfigProvider.getConfig();
        Optional<String> instanceId = all.getOptionalValue("slipway.instance-id", String.class)
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")));
        Duration sessionTimeout = all.getOptionalValue("slipway.stage.session-timeout", Duration.class)
                .orElse(Duration.ofSeconds(10));
        Map<String, Object> added = ConsumerMembership.settings(channel, config, instanceId, sessionTimeout);
        if (added.isEmpty()) {
            return config;
        }
        LOG.infof("channel %s: consumer %s", channel, added);
        Map<String, Object> customized = new HashMap<>(config);
        customized.putAll(added);
        return customized;
    }
}
