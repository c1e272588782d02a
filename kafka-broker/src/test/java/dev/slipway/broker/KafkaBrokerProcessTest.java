package dev.slipway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerProcessTest {
    @TempDir
    Path folder;

    @Test
    void keepsItsAddressRecordsAndCommittedOffsetsAcrossAKillAndAStop() throws Exception {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(folder)) {
            String address = broker.bootstrapServers();
            produce(address, "before-kill");
            assertThat(consume(address, 1)).containsExactly("before-kill");

            broker.kill();
            assertThat(broker.isAlive()).isFalse();
            broker.startAgain();
            produce(address, "after-kill");
            assertThat(consume(address, 1)).containsExactly("after-kill");

            Duration stopped = broker.stop();
            assertThat(stopped).isLessThan(Duration.ofSeconds(30));
            broker.startAgain();
            assertThat(broker.bootstrapServers()).isEqualTo(address);
            produce(address, "after-stop");
            assertThat(consume(address, 1)).containsExactly("after-stop");
        }
        assertThat(folder.resolve("broker.log")).exists();
        assertThat(folder.resolve("broker.2.log")).exists();
        assertThat(folder.resolve("data")).doesNotExist();
    }

    private static void produce(String address, String value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", address, "acks", "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("t", "release-1", value)).get();
        }
    }

    /** Reads {@code count} records as group "g", committing them: what it returns was not committed before. */
    private static List<String> consume(String address, int count) {
        Map<String, Object> props = Map.of("bootstrap.servers", address, "group.id", "g", "auto.offset.reset", "earliest",
                "enable.auto.commit", "false");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("t"));
            for (int i = 0; i < 60 && values.size() < count; i++) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync();
        }
        return values;
    }
}
