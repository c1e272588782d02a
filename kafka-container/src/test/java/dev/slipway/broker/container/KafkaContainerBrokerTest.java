package dev.slipway.broker.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/** The broker in a container of the image built here, on the test Docker engine. */
class KafkaContainerBrokerTest {
    @Test
    void aRecordDatedTenDaysBackIsConsumedBackFromATopicCreatedOnFirstUseAndTheBrokerKeepsEveryRecord() throws Exception {
        String topic = "t-" + UUID.randomUUID();
        long tenDaysAgo = Instant.now().minus(Duration.ofDays(10)).toEpochMilli();
        try (KafkaContainerBroker broker = KafkaContainerBroker.start()) {
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers(),
                    "acks", "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, null, tenDaysAgo, "release-1", "hello")).get();
            }
            List<ConsumerRecord<String, String>> records = consume(broker.bootstrapServers(), topic);

            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("release-1");
                assertThat(record.value()).isEqualTo("hello");
                assertThat(record.timestamp()).isEqualTo(tenDaysAgo);
            });
            try (Admin admin = Admin.create(broker.clientProperties())) {
                ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
                Config config = admin.describeConfigs(List.of(node)).all().get(10, TimeUnit.SECONDS).get(node);
                assertThat(config.get("log.retention.ms").value()).isEqualTo("-1");
                assertThat(config.get("num.partitions").value()).isEqualTo("1");
            }
        }
    }

    @Test
    void closingItRemovesTheContainerAndTheSharedOneOutlivesClose() {
        KafkaContainerBroker own = KafkaContainerBroker.start();
        String id = own.containerId();
        own.close();
        assertThat(DockerClientFactory.lazyClient().listContainersCmd().withShowAll(true).exec())
                .noneMatch(container -> container.getId().equals(id));

        KafkaContainerBroker shared = KafkaContainerBroker.shared();
        shared.close();
        assertThat(KafkaContainerBroker.shared()).isSameAs(shared);
        assertThat(DockerClientFactory.lazyClient().inspectContainerCmd(shared.containerId()).exec().getState().getRunning())
                .isTrue();
    }

    private static List<ConsumerRecord<String, String>> consume(String bootstrapServers, String topic) {
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrapServers, "group.id", "g-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            for (int i = 0; i < 40 && records.isEmpty(); i++) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
