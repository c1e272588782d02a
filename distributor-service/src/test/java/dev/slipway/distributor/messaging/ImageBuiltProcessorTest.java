package dev.slipway.distributor.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.quarkus.KafkaContainerTestResource;
import dev.slipway.distributor.TestEvents;
import dev.slipway.distributor.docker.TestImages;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.Topics;
import dev.slipway.events.names.NodeName;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The distributor as deployed: ImageBuilt records on the real broker in, ImageDistributed records out. */
@QuarkusTest
@WithTestResource(KafkaContainerTestResource.class)
@WithTestResource(DockerNodesTestResource.class)
class ImageBuiltProcessorTest {
    private static final String IMAGE_BUILT = Topics.defaultName(EventType.IMAGE_BUILT);
    private static final String IMAGE_DISTRIBUTED = Topics.defaultName(EventType.IMAGE_DISTRIBUTED);
    private static final String DEAD_LETTER = Topics.deadLetterName(EventType.IMAGE_BUILT);

    KafkaBroker broker;

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @TestHTTPResource("/q/health/live")
    URL live;
    private KafkaCompanion companion;
    private DockerClient one;
    private DockerClient two;
    private BuiltImage image;

    @BeforeEach
    void connect() {
        companion = new KafkaCompanion(broker.bootstrapServers());
        one = DockerEngines.connect(DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV));
        two = DockerEngines.connect(DockerEngines.testEngine(DockerEngines.SECOND_TEST_ENGINE_ENV));
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (image != null) {
            TestImages.remove(two, image);
            TestImages.remove(one, image);
        }
        one.close();
        two.close();
        companion.close();
    }

    @Test
    void aBuiltImageIsPutOnEveryNodeAndReportedOnImageDistributed() {
        image = TestImages.build(one);
        String releaseId = "distributor-it-" + UUID.randomUUID().toString().substring(0, 8);
        ImageBuilt built = TestEvents.built(releaseId, "api", image);

        produce(releaseId, EventType.IMAGE_BUILT.type(), EventCodec.instance().encode(built));
        ConsumerRecord<String, String> record = awaitDistributed(releaseId);

        assertThat(record.key()).isEqualTo(releaseId);
        assertThat(header(record.headers(), "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record.headers(), "ce_type")).isEqualTo(EventType.IMAGE_DISTRIBUTED.type());
        assertThat(header(record.headers(), "ce_source")).isEqualTo("/slipway/distributor");
        assertThat(header(record.headers(), "ce_subject")).isEqualTo(releaseId);
        assertThat(EventCodec.instance().validate(EventType.IMAGE_DISTRIBUTED, record.value())).isNull();
        ImageDistributed distributed = EventCodec.instance().decode(EventType.IMAGE_DISTRIBUTED, record.value());
        assertThat(header(record.headers(), "ce_id"))
                .isEqualTo(releaseId + "/image-distributed/" + distributed.service().name() + "/" + distributed.outcome());
        assertThat(distributed.outcome()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(distributed.image()).isEqualTo(image);
        assertThat(distributed.nodes()).extracting(NodeResult::node, NodeResult::outcome).containsExactly(
                tuple(NodeName.of("node-a"), NodeOutcome.ALREADY_PRESENT), tuple(NodeName.of("node-b"), NodeOutcome.IMPORTED));
        assertThat(distributed.nodes().get(1).bytes()).isPositive();
        assertThat(TestImages.holds(two, image.id().value())).isTrue();
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndAFailedBuildAfterItIsPassedThrough() {
        String badKey = "distributor-bad-" + UUID.randomUUID().toString().substring(0, 8);
        String releaseId = "distributor-failed-" + UUID.randomUUID().toString().substring(0, 8);
        ImageBuilt failed = TestEvents.failedBuild(releaseId, "worker", "COPY failed: stat app.jar: file does not exist");

        produce(badKey, EventType.IMAGE_BUILT.type(), "{this is not json");
        produce(releaseId, EventType.IMAGE_BUILT.type(), EventCodec.instance().encode(failed));

        ConsumerTask<String, String> deadLetters = companion.consumeStrings().fromTopics(DEAD_LETTER);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.stream().anyMatch(r -> badKey.equals(r.key())));
        ConsumerRecord<String, String> dead = deadLetters.stream().filter(r -> badKey.equals(r.key())).findFirst().orElseThrow();
        deadLetters.stop();
        assertThat(dead.value()).isEqualTo("{this is not json");
        assertThat(header(dead.headers(), "dead-letter-reason")).contains("not JSON");

        ConsumerRecord<String, String> record = awaitDistributed(releaseId);
        assertThat(EventCodec.instance().validate(EventType.IMAGE_DISTRIBUTED, record.value())).isNull();
        ImageDistributed distributed = EventCodec.instance().decode(EventType.IMAGE_DISTRIBUTED, record.value());
        assertThat(distributed.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(distributed.nodes()).isEmpty();
        assertThat(distributed.error())
                .isEqualTo("not distributed: the build of worker failed: COPY failed: stat app.jar: file does not exist");
    }

    @Test
    void whileTheBrokerRefusesItsOutputTheDistributorIsNotReadyThenPublishesAndRecovers() throws Exception {
        String releaseId = "distributor-refused-" + UUID.randomUUID().toString().substring(0, 8);
        ImageBuilt failed = TestEvents.failedBuild(releaseId, "worker", "COPY failed: stat app.jar: file does not exist");
        if (!companion.topics().list().contains(IMAGE_DISTRIBUTED)) {
            companion.topics().createAndWait(IMAGE_DISTRIBUTED, 1);
        }
        Admin admin = companion.getOrCreateAdminClient();
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, IMAGE_DISTRIBUTED);
        setMaxMessageBytes(admin, topic, "64");
        try {
            produce(releaseId, EventType.IMAGE_BUILT.type(), EventCodec.instance().encode(failed));

            await().atMost(Duration.ofSeconds(30)).until(() -> get(ready).status() == 503);
            Health notReady = get(ready);
            assertThat(notReady.body()).contains("slipway-broker-writes", "image-distributed", "RecordTooLargeException");
            assertThat(get(live).status()).as("a refusal shorter than slipway.stage.unhealthy-after").isEqualTo(200);
        } finally {
            setMaxMessageBytes(admin, topic, null);
        }
        ConsumerRecord<String, String> record = awaitDistributed(releaseId);
        ImageDistributed distributed = EventCodec.instance().decode(EventType.IMAGE_DISTRIBUTED, record.value());
        assertThat(distributed.outcome()).isEqualTo(StageOutcome.FAILED);
        await().atMost(Duration.ofSeconds(10)).until(() -> get(ready).status() == 200);
        ConsumerTask<String, String> deadLetters = companion.consumeStrings().fromTopics(DEAD_LETTER);
        try {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> deadLetters.stream().noneMatch(r -> releaseId.equals(r.key())));
        } finally {
            deadLetters.stop();
        }
    }

    private static void setMaxMessageBytes(Admin admin, ConfigResource topic, String value) throws Exception {
        AlterConfigOp op = value == null
                ? new AlterConfigOp(new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry("max.message.bytes", value), AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(10, TimeUnit.SECONDS);
    }

    private record Health(int status, String body) {}

    private static Health get(URL url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return new Health(response.statusCode(), response.body());
    }

    private void produce(String key, String type, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(IMAGE_BUILT, key, value);
        record.headers()
                .add("ce_specversion", bytes("1.0"))
                .add("ce_type", bytes(type))
                .add("ce_id", bytes(UUID.randomUUID().toString()))
                .add("ce_source", bytes("/slipway/builder"))
                .add("ce_subject", bytes(key))
                .add("content-type", bytes("application/json"));
        companion.produceStrings().fromRecords(record).awaitCompletion(Duration.ofSeconds(10));
    }

    private ConsumerRecord<String, String> awaitDistributed(String releaseId) {
        ConsumerTask<String, String> task = companion.consumeStrings().fromTopics(IMAGE_DISTRIBUTED);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> task.stream().anyMatch(r -> releaseId.equals(r.key())));
            return task.stream().filter(r -> releaseId.equals(r.key())).findFirst().orElseThrow();
        } finally {
            task.stop();
        }
    }

    private static String header(Headers headers, String key) {
        return Optional.ofNullable(headers.lastHeader(key)).map(Header::value)
                .map(value -> new String(value, StandardCharsets.UTF_8)).orElse(null);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
