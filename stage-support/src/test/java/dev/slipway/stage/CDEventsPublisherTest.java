package dev.slipway.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.KafkaContainerBroker;
import dev.slipway.cdevents.CDEventsSchemas;
import dev.slipway.events.CheckResult;
import dev.slipway.events.ServiceResult;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.names.Version;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The publication rules of {@link CDEventsPublisher} against a real Kafka broker (the test JVM's container). */
class CDEventsPublisherTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final URI VERIFIER = URI.create("/slipway/verifier");
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        // the test JVM's shared broker: every test here works on topics of its own
        broker = KafkaContainerBroker.shared();
    }

    @Test
    void offByDefaultItWritesNothingAndCreatesNoTopic() throws Exception {
        CDEventsPublisher publisher = publisher(false, "slipway.cdevents.off");

        publisher.publish(verified("shop-1.0.0-0a1b2c3d"), VERIFIER, ReleaseId.of("shop-1.0.0-0a1b2c3d"));

        try (Admin admin = Admin.create(broker.clientProperties())) {
            assertThat(admin.listTopics().names().get()).doesNotContain("slipway.cdevents.off");
        }
    }

    @Test
    void onItWritesTheCDEventsAsStructuredCloudEventsKeyedByReleaseAndARedeliveryKeepsTheirIds() throws Exception {
        CDEventsPublisher publisher = publisher(true, "slipway.cdevents.on");
        ReleaseId release = ReleaseId.of("shop-1.0.1-0a1b2c3d");

        publisher.publish(verified(release.value()), VERIFIER, release);
        publisher.publish(verified(release.value()), VERIFIER, release); // the record redelivered after a crash

        List<ConsumerRecord<String, byte[]>> records = read("slipway.cdevents.on", 6);
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(record.key()).isEqualTo(release.value());
            assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                    .isEqualTo("application/cloudevents+json");
            JsonNode cloudEvent = MAPPER.readTree(record.value());
            assertThat(cloudEvent.path("source").asText()).isEqualTo("/slipway/verifier");
            assertThat(CDEventsSchemas.problems(cloudEvent.path("data").toString())).isEmpty();
            ids.add(cloudEvent.path("id").asText());
        }
        assertThat(ids.subList(3, 6)).isEqualTo(ids.subList(0, 3)).containsExactly(
                "shop-1.0.1-0a1b2c3d/verified/testcaserun.finished/0",
                "shop-1.0.1-0a1b2c3d/verified/testsuiterun.finished",
                "shop-1.0.1-0a1b2c3d/verified/pipelinerun.finished");
        publisher.onStop(null);
    }

    @Test
    void anEventItCannotMapIsLeftWithoutCDEventsAndDoesNotStopTheStage() {
        CDEventsPublisher publisher = publisher(true, "slipway.cdevents.unmapped");

        publisher.publish("not a Slipway event", VERIFIER, ReleaseId.of("shop-1.0.2-0a1b2c3d"));

        assertThat(publisher.retry.health.failing()).isEmpty();
        publisher.onStop(null);
    }

    @Test
    void aFailedWriteIsTriedAgainUntilTheBrokerHasEveryCDEventAndReadinessNamesItMeanwhile() {
        CDEventsPublisher publisher = publisher(true, "unused");
        List<List<byte[]>> sent = new ArrayList<>();
        List<Set<String>> failingWhileTrying = new ArrayList<>();
        publisher.topic = new CDEventsTopic() {
            private int attempts;

            @Override
            public void send(String releaseId, List<byte[]> events) {
                failingWhileTrying.add(Set.copyOf(publisher.retry.health.failing().keySet()));
                if (++attempts < 3) {
                    throw new IllegalStateException("NotLeaderOrFollowerException: this server is not the leader");
                }
                sent.add(events);
            }

            @Override
            public void warmUp() {}

            @Override
            public String name() {
                return "slipway.cdevents";
            }
        };

        publisher.publish(verified("shop-1.0.3-0a1b2c3d"), VERIFIER, ReleaseId.of("shop-1.0.3-0a1b2c3d"));

        assertThat(sent).singleElement().satisfies(events -> assertThat(events).hasSize(3));
        assertThat(failingWhileTrying).containsExactly(Set.of(), Set.of("cdevents"), Set.of("cdevents"));
        assertThat(publisher.retry.health.failing()).isEmpty();
    }

    @Test
    void aTopicNameKafkaWouldRefuseStopsTheStartNamingTheSetting() {
        CDEventsPublisher publisher = publisher(true, "slipway cdevents;rm -rf /");

        assertThatThrownBy(() -> publisher.onStart(null))
                .hasMessage("slipway.cdevents.topic 'slipway cdevents;rm -rf /' is not a Kafka topic name "
                        + "(1 to 249 of a-z A-Z 0-9 . _ -)");
    }

    private static CDEventsPublisher publisher(boolean enabled, String topic) {
        CDEventsPublisher publisher = new CDEventsPublisher();
        publisher.enabled = enabled;
        publisher.topicName = topic;
        publisher.reconnectBackoffMax = Duration.ofSeconds(1);
        publisher.retry = new BrokerRetry();
        publisher.retry.health = new BrokerHealth();
        publisher.retry.maxWait = Duration.ofSeconds(1);
        publisher.kafkaSettings = () -> new HashMap<>(broker.clientProperties());
        return publisher;
    }

    private static Verified verified(String release) {
        return new Verified(ReleaseId.of(release), ReleaseName.of("shop"), Version.of("1.0.1"), Verdict.PASSED,
                List.of(new ServiceResult(ServiceName.of("api"), RolloutOutcome.ROLLED_OUT, null)),
                List.of(new CheckResult("api answers 401", "http", "status 401", "status 401", true)), null);
    }

    private static List<ConsumerRecord<String, byte[]>> read(String topic, int count) {
        Map<String, Object> config = new HashMap<>(broker.clientProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
