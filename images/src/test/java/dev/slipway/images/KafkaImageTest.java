package dev.slipway.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;

/**
 * slipway/kafka as Testcontainers' {@link KafkaContainer} runs it (its own starter script, environment and wait
 * for "Transitioning from RECOVERY to RUNNING"): a record produced through the mapped port is consumed back.
 */
class KafkaImageTest {

    @Test
    void testcontainersKafkaModuleRunsTheImageAndARecordGoesThrough() throws Exception {
        try (KafkaContainer kafka = new KafkaContainer(SlipwayImages.kafka())) {
            kafka.start();
            String topic = "images-test-" + UUID.randomUUID();
            String value = "hello from " + SlipwayImages.KAFKA_IMAGE;

            RecordMetadata sent;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                sent = producer.send(new ProducerRecord<>(topic, "release-1", value)).get();
            }

            Properties consumerConfig = new Properties();
            consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
            consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "images-test");
            consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                List<ConsumerRecord<String, String>> received = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (received.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(received::add);
                }
                assertThat(received).as("records read back from %s", topic).hasSize(1);
                assertThat(received.get(0).key()).isEqualTo("release-1");
                assertThat(received.get(0).value()).isEqualTo(value);
                assertThat(received.get(0).offset()).isEqualTo(sent.offset());
            }
            assertThat(kafka.getLogs()).contains("slipway/kafka: node 1 (broker,controller)");
        }
    }

    /**
     * A secured broker: the client listener speaks SASL_PLAINTEXT with SCRAM-SHA-512, its users formatted into the
     * storage from KAFKA_SCRAM_CREDENTIALS_FILE; a user with the right password writes, a wrong password is refused.
     */
    @Test
    void scramUsersOfTheCredentialsFileAreTheOnlyOnesLetIn() throws Exception {
        try (KafkaContainer kafka = new KafkaContainer(SlipwayImages.kafka())
                // Testcontainers' client listener is called PLAINTEXT; here it is SASL_PLAINTEXT.
                .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "BROKER:PLAINTEXT,PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT")
                .withEnv("KAFKA_LISTENER_NAME_PLAINTEXT_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
                .withEnv("KAFKA_LISTENER_NAME_PLAINTEXT_SCRAM___SHA___512_SASL_JAAS_CONFIG",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .withEnv("KAFKA_SCRAM_CREDENTIALS_FILE", "/tmp/kafka-users.txt")
                .withCopyToContainer(Transferable.of("# the builder's user\n"
                        + "SCRAM-SHA-512=[name=builder,password=builder-secret]\n", 0644), "/tmp/kafka-users.txt")) {
            kafka.start();
            String topic = "secured-" + UUID.randomUUID();

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    scram(kafka.getBootstrapServers(), "builder", "builder-secret"), new StringSerializer(), new StringSerializer())) {
                RecordMetadata sent = producer.send(new ProducerRecord<>(topic, "k", "v")).get();
                assertThat(sent.topic()).isEqualTo(topic);
            }
            try (Admin admin = Admin.create(scram(kafka.getBootstrapServers(), "builder", "wrong"))) {
                assertThatThrownBy(() -> admin.listTopics().names().get())
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
            assertThat(kafka.getLogs())
                    .contains("1 SCRAM credential(s) from /tmp/kafka-users.txt")
                    .doesNotContain("builder-secret");
        }
    }

    private static Map<String, Object> scram(String bootstrapServers, String user, String password) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30000);
    }
}
