package dev.slipway.verifier.messaging;

import static dev.slipway.verifier.Releases.container;
import static dev.slipway.verifier.Releases.context;
import static dev.slipway.verifier.Releases.failed;
import static dev.slipway.verifier.Releases.http;
import static dev.slipway.verifier.Releases.rolledOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.quarkus.KafkaContainerTestResource;
import dev.slipway.events.CheckResult;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.ServiceResult;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.verifier.Releases;
import dev.slipway.verifier.docker.TestImages;
import com.github.dockerjava.api.DockerClient;
import dev.slipway.docker.DockerEngines;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The verifier through the real broker: RolloutDone records in, Verified records out, as the rollout and the CLI see them. */
@QuarkusTest
@WithTestResource(KafkaContainerTestResource.class)
@WithTestResource(TestNodeResource.class)
class RolloutDoneProcessorTest {
    private static final String IN = "slipway.rollout-done";
    private static final String OUT = "slipway.verified";
    private static final String DEAD_LETTERS = "slipway.rollout-done.dead-letter";
    private static final String UNAUTHORIZED = "{\"error\":\"Unauthorized\"}";
    private static HttpServer api;

    KafkaBroker broker;

    @BeforeAll
    static void startApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/api", exchange -> {
            byte[] body = UNAUTHORIZED.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        api.start();
    }

    @AfterAll
    static void stopApi() {
        if (api != null) {
            api.stop(0);
        }
    }

    @Test
    void emitsOneVerifiedOnceEveryServiceOfTheReleaseRolledOut() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String tag = "slipway-test-verifier-web:" + suffix;
        String container = "slipway-test-verifier-web-" + suffix;
        try (DockerClient engine = DockerEngines.connect(DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV))) {
            String imageId = TestImages.buildBusybox(engine, tag);
            String id = engine.createContainerCmd(tag).withName(container).withCmd("/bin/busybox", "sleep", "600")
                    .exec().getId();
            try {
                engine.startContainerCmd(id).exec();
                verifiesAPassingRelease(container, imageId);
            } finally {
                engine.removeContainerCmd(id).withForce(true).exec();
                engine.removeImageCmd(tag).withForce(true).exec();
            }
        }
    }

    private void verifiesAPassingRelease(String webContainer, String webImage) {
        ReleaseContext release = release("api", "web");
        send(rolledOut(release, Releases.service("web", webContainer), webImage));
        send(rolledOut(release, "api"));

        ConsumerRecord<String, String> record = awaitVerified(release);

        assertThat(record.key()).isEqualTo(release.releaseId().value());
        assertThat(headers(record)).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_type", EventType.VERIFIED.type())
                .containsEntry("ce_source", "/slipway/verifier")
                .containsEntry("ce_subject", release.releaseId().value())
                .containsEntry("ce_id", release.releaseId().value() + "/verified")
                .containsEntry("ce_dataschema", EventType.VERIFIED.dataSchema().toString());
        assertThat(EventCodec.instance().validate(EventType.VERIFIED, record.value())).isNull();
        Verified verified = EventCodec.instance().decode(EventType.VERIFIED, record.value());
        assertThat(verified.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(verified.services()).extracting(ServiceResult::service).extracting(Object::toString)
                .containsExactly("api", "web");
        assertThat(verified.checks()).extracting(CheckResult::name, CheckResult::observed, CheckResult::passed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("api answers", "status 401, body " + UNAUTHORIZED, true),
                        org.assertj.core.groups.Tuple.tuple("web runs",
                                TestNodeResource.NODE + ": running " + webImage.substring(0, 19), true));
    }

    @Test
    void aFailedServiceEndsTheReleaseFailedNamingIt() {
        ReleaseContext release = release("api", "web");
        String diagnosis = "service web on node test-node: container web exited with code 1 at start; "
                + "last log line: listen tcp :8080: address in use";
        send(rolledOut(release, "api"));
        send(failed(release, "web", diagnosis));

        Verified verified = EventCodec.instance().decode(EventType.VERIFIED, awaitVerified(release).value());

        assertThat(verified.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(verified.services()).extracting(ServiceResult::outcome)
                .containsExactly(RolloutOutcome.ROLLED_OUT, RolloutOutcome.FAILED);
        assertThat(verified.checks()).extracting(CheckResult::name, CheckResult::passed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api answers", true),
                        org.assertj.core.groups.Tuple.tuple("web runs", false));
        assertThat(verified.checks().get(1).observed()).isEqualTo(TestNodeResource.NODE + ": absent");
        assertThat(verified.diagnosis()).startsWith("release " + release.releaseId()
                        + " (shop 2.1.0) FAILED: 1 of 2 services did not roll out and 1 of 2 checks failed\n")
                .contains("- service web FAILED: " + diagnosis)
                .contains("- container check 'web runs' failed: expected container " + Releases.CONTAINER_PREFIX
                        + "web running at image");
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextIsProcessed() {
        sendRaw("malformed-" + UUID.randomUUID(), "{not json");
        ReleaseContext release = release("api");
        send(rolledOut(release, "api"));

        assertThat(awaitVerified(release)).isNotNull();
        List<ConsumerRecord<String, String>> deadLetters = readAll(DEAD_LETTERS);
        assertThat(deadLetters).anySatisfy(dead -> {
            assertThat(dead.value()).isEqualTo("{not json");
            assertThat(headers(dead).get("dead-letter-reason")).contains("record value is not JSON");
        });
    }

    @Test
    void aRolloutDoneRedeliveredAfterTheVerifiedEmitsNoSecondVerified() {
        ReleaseContext release = release("api", "web");
        send(rolledOut(release, "api"));
        send(rolledOut(release, "web"));
        awaitVerified(release);

        RecordMetadata redelivered = send(rolledOut(release, "web"));
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(redelivered) > redelivered.offset());

        assertThat(verifiedOf(release)).hasSize(1);
    }

    private ReleaseContext release(String... services) {
        URI url = URI.create("http://127.0.0.1:" + api.getAddress().getPort() + "/api");
        return context(Releases.newReleaseId(), List.of(services),
                http("api answers", url, List.of(401), "Unauthorized", 5),
                container(services.length > 1 ? "web runs" : "api runs", services.length > 1 ? "web" : "api"));
    }

    private ConsumerRecord<String, String> awaitVerified(ReleaseContext release) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> verifiedOf(release), list -> !list.isEmpty()).get(0);
    }

    private List<ConsumerRecord<String, String>> verifiedOf(ReleaseContext release) {
        return readAll(OUT).stream().filter(r -> release.releaseId().value().equals(r.key())).toList();
    }

    private RecordMetadata send(RolloutDone done) {
        ProducerRecord<String, String> record = new ProducerRecord<>(IN, done.release().releaseId().value(),
                EventCodec.instance().encode(done));
        record.headers().add("ce_specversion", bytes("1.0"))
                .add("ce_type", bytes(EventType.ROLLOUT_DONE.type()))
                .add("ce_id", bytes(UUID.randomUUID().toString()))
                .add("ce_source", bytes("/slipway/rollout"))
                .add("ce_subject", bytes(done.release().releaseId().value()))
                .add("content-type", bytes("application/json"));
        return produce(record);
    }

    private void sendRaw(String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(IN, key, value);
        record.headers().add("ce_specversion", bytes("1.0"))
                .add("ce_type", bytes(EventType.ROLLOUT_DONE.type()))
                .add("ce_id", bytes(UUID.randomUUID().toString()))
                .add("ce_source", bytes("/test"))
                .add("content-type", bytes("application/json"));
        produce(record);
    }

    private RecordMetadata produce(ProducerRecord<String, String> record) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + record.topic(), e);
        }
    }

    private List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private long committed(RecordMetadata record) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("slipway-verifier")
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(new TopicPartition(record.topic(), record.partition()));
            return offset == null ? -1 : offset.offset();
        }
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new java.util.HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
