package dev.slipway.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
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
}
