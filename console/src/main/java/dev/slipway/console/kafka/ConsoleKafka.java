package dev.slipway.console.kafka;

import dev.slipway.kafka.security.ClientSecurity;
import dev.slipway.kafka.security.KafkaSecuritySettings;
import dev.slipway.kafka.security.KafkaSetting;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The console's Kafka clients. Consumers have no {@code group.id}: they are assigned partitions, seek, and commit
 * nothing, and create no topic; the only thing the console writes is its own index topic. All of them connect with
 * the same {@link ClientSecurity}: the {@code slipway.kafka.*} settings of the stages (TLS, SASL).
 */
public final class ConsoleKafka {
    private final String bootstrapServers;
    private final ClientSecurity security;

    /** Clients of a PLAINTEXT listener. */
    public ConsoleKafka(String bootstrapServers) {
        this(bootstrapServers, ClientSecurity.of(KafkaSecuritySettings.none(), KafkaSetting.Naming.CONFIG));
    }

    public ConsoleKafka(String bootstrapServers, ClientSecurity security) {
        this.bootstrapServers = bootstrapServers;
        this.security = security;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public KafkaConsumer<String, byte[]> readOnlyConsumer(String purpose) {
        Properties props = base("slipway-console-" + purpose);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        // answered within 50 ms when nothing new is there (Kafka's default waits 500 ms): a release's ranges are read one
        // partition after another, and a fetch left waiting at the end of one would hold up the next
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public KafkaProducer<String, byte[]> indexProducer() {
        Properties props = base("slipway-console-index");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public Admin admin() {
        return Admin.create(base("slipway-console-admin"));
    }

    private Properties base(String clientId) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        props.putAll(security.clientProperties());
        return props;
    }
}
