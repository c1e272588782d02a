package dev.slipway.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class LeanKafkaClientsTest {
    @Test
    void bothFeaturesAreTurnedOffWhenTheChannelSaysNothing() {
        assertThat(LeanKafkaClients.settings(key -> false))
                .containsOnly(Map.entry("metric.reporters", ""), Map.entry("enable.metrics.push", "false"));
    }

    @Test
    void whatTheChannelConfiguresWins() {
        assertThat(LeanKafkaClients.settings("metric.reporters"::equals))
                .containsOnly(Map.entry("enable.metrics.push", "false"));
        assertThat(LeanKafkaClients.settings(key -> true)).isEmpty();
    }

    @Test
    void aClientWithTheSettingsPublishesNoMetricAsAnMBeanWhileOneWithoutDoes() throws Exception {
        assertThat(producerMetricMBeans("slipway-lean-default", Map.of())).isNotEmpty();
        assertThat(producerMetricMBeans("slipway-lean", LeanKafkaClients.settings(key -> false))).isEmpty();
    }

    /** The kafka.producer MBeans of a producer (no broker needed: nothing is sent), app-info aside. */
    private static Set<ObjectName> producerMetricMBeans(String clientId, Map<String, Object> settings)
            throws MalformedObjectNameException {
        Map<String, Object> config = new HashMap<>(settings);
        config.put("bootstrap.servers", "127.0.0.1:1");
        config.put("client.id", clientId);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            Set<ObjectName> names = ManagementFactory.getPlatformMBeanServer()
                    .queryNames(new ObjectName("kafka.producer:client-id=" + clientId + ",*"), null);
            names.removeIf(name -> "app-info".equals(name.getKeyProperty("type")));
            return names;
        }
    }
}
