package dev.slipway.builder.messaging;

import static dev.slipway.builder.TestSources.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.quarkus.KafkaContainerTestResource;
import dev.slipway.builder.TestRequests;
import dev.slipway.builder.TestSources;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.plan.ServicePlan;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The builder as a whole: BuildRequested records in, ImageBuilt records out, through a real broker and dockerd. */
@QuarkusTest
@WithTestResource(KafkaContainerTestResource.class)
@WithTestResource(BuilderSourcesTestResource.class)
class BuildRequestedProcessorTest {
    static final String REQUESTS = "slipway.build-requested";
    static final String BUILT = "slipway.image-built";
    static final String DEAD_LETTERS = "slipway.build-requested.dead-letter";
    static final Duration PATIENCE = Duration.ofSeconds(120);

    KafkaBroker broker;
    BuilderSources sources;
    KafkaCompanion kafka;
    DockerClient docker;
    final List<String> tags = new ArrayList<>();
    final String version = "t" + TestSources.unique();

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(broker.bootstrapServers());
        docker = DockerEngines.connect(sources.engine());
    }

    @AfterEach
    void removeImages() throws Exception {
        for (String tag : tags) {
            try {
                docker.removeImageCmd(tag).exec();
            } catch (NotFoundException notBuilt) {
                // the test expected nothing under this tag
            }
        }
        docker.close();
        kafka.close();
    }

    @Test
    void buildsEveryServiceAndPublishesOneImageBuiltEach() {
        BuildRequested request = request(service("api", "services/api", Map.of("GREETING", "hello")),
                service("web", "services/web", Map.of()));

        send(request);

        List<ConsumerRecord<String, String>> records = imageBuilt(request, 2);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(request.releaseId().value());
            assertThat(header(record.headers(), "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record.headers(), "ce_type")).isEqualTo("dev.slipway.image.built.v1");
            assertThat(header(record.headers(), "ce_source")).isEqualTo("/slipway/builder");
            assertThat(header(record.headers(), "ce_subject")).isEqualTo(request.releaseId().value());
            ImageBuilt built = EventCodec.instance().decode(EventType.IMAGE_BUILT, record.value());
            assertThat(header(record.headers(), "ce_id")).isEqualTo(request.releaseId().value() + "/image-built/"
                    + built.service().name() + "/SUCCEEDED");
            assertThat(EventCodec.instance().validate(EventType.IMAGE_BUILT, record.value())).isNull();
        });
        List<ImageBuilt> events = decode(records);
        assertThat(events).extracting(e -> e.service().name().value()).containsExactly("api", "web");
        for (ImageBuilt event : events) {
            String tag = PREFIX + event.service().name() + ":" + version;
            assertThat(event.outcome()).isEqualTo(StageOutcome.SUCCEEDED);
            assertThat(event.image().ref().value()).isEqualTo(tag);
            assertThat(event.image().id().value()).isEqualTo(docker.inspectImageCmd(tag).exec().getId());
            assertThat(event.image().layers()).isEqualTo(2);
            assertThat(event.image().sizeBytes()).isGreaterThan(1_000_000);
            assertThat(event.release().services()).extracting(Object::toString).containsExactly("api", "web");
        }
        assertThat(docker.inspectImageCmd(PREFIX + "api:" + version).exec().getConfig().getLabels())
                .containsEntry("dev.slipway.release-id", request.releaseId().value())
                .containsEntry("dev.slipway.service", "api")
                .containsEntry("dev.slipway.version", version)
                .containsEntry("test.greeting", "hello");
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextRequestIsProcessed() {
        String badKey = "malformed-" + TestSources.unique();
        ProducerRecord<String, String> malformed = new ProducerRecord<>(REQUESTS, badKey, "this is not JSON {");
        cloudEventHeaders(malformed.headers(), badKey);
        kafka.produceStrings().fromRecords(malformed).awaitCompletion(PATIENCE);
        BuildRequested next = request(service("api", "services/api", Map.of()));

        send(next);

        ConsumerTask<String, String> deadLetters = kafka.consumeStrings().fromTopics(DEAD_LETTERS);
        try {
            await().atMost(PATIENCE).until(() -> deadLetters.getRecords().stream().anyMatch(r -> badKey.equals(r.key())));
            ConsumerRecord<String, String> dead = deadLetters.getRecords().stream()
                    .filter(r -> badKey.equals(r.key())).findFirst().orElseThrow();
            assertThat(dead.value()).isEqualTo("this is not JSON {");
            assertThat(header(dead.headers(), "dead-letter-reason")).contains("not JSON");
        } finally {
            deadLetters.close();
        }
        List<ImageBuilt> events = decode(imageBuilt(next, 1));
        assertThat(events.get(0).outcome()).isEqualTo(StageOutcome.SUCCEEDED);
    }

    @Test
    void aRedeliveredRequestReEmitsTheSameImagesWithoutBuildingAgain() {
        BuildRequested request = request(service("api", "services/api", Map.of()), service("web", "services/web", Map.of()));
        send(request);
        List<ImageBuilt> first = decode(imageBuilt(request, 2));
        String apiTag = PREFIX + "api:" + version;
        String created = docker.inspectImageCmd(apiTag).exec().getCreated();
        TestSources.changeMarker(sources.service("api"));
        TestSources.changeMarker(sources.service("web"));

        send(request);

        List<ImageBuilt> all = decode(imageBuilt(request, 4));
        List<ImageBuilt> again = all.subList(2, 4);
        assertThat(again).extracting(ImageBuilt::outcome).containsOnly(StageOutcome.SUCCEEDED);
        assertThat(again).extracting(e -> e.image()).isEqualTo(first.stream().map(ImageBuilt::image).toList());
        assertThat(docker.inspectImageCmd(apiTag).exec().getCreated()).isEqualTo(created);
        assertThat(docker.inspectImageCmd(apiTag).exec().getId()).isEqualTo(first.get(0).image().id().value());
    }

    @Test
    void refusesAContextOutsideTheSourceRootWithAClearError() {
        BuildRequested request = request(service("escape", "../outside", Map.of()));

        send(request);

        ImageBuilt event = decode(imageBuilt(request, 1)).get(0);
        assertThat(event.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(event.error()).startsWith("service 'escape' of release '" + request.releaseId() + "' was not built")
                .contains("'../outside'", "outside the source root " + sources.root());
        assertThat(docker.listImagesCmd().withReferenceFilter(PREFIX + "escape:" + version).exec()).isEmpty();
    }

    private ServicePlan service(String name, String context, Map<String, String> args) {
        tags.add(PREFIX + name + ":" + version);
        return TestRequests.service(name, PREFIX + name, context, "Dockerfile", args);
    }

    private BuildRequested request(ServicePlan... services) {
        return TestRequests.request("builder-" + TestSources.unique(), version, services);
    }

    private void send(BuildRequested request) {
        String releaseId = request.releaseId().value();
        ProducerRecord<String, String> record = new ProducerRecord<>(REQUESTS, releaseId,
                EventCodec.instance().encode(request));
        cloudEventHeaders(record.headers(), releaseId);
        kafka.produceStrings().fromRecords(record).awaitCompletion(PATIENCE);
    }

    private static void cloudEventHeaders(Headers headers, String subject) {
        headers.add("ce_specversion", bytes("1.0"))
                .add("ce_type", bytes(EventType.BUILD_REQUESTED.type()))
                .add("ce_id", bytes(UUID.randomUUID().toString()))
                .add("ce_source", bytes("/slipway/cli"))
                .add("ce_subject", bytes(subject))
                .add("content-type", bytes(EventType.DATA_CONTENT_TYPE));
    }

    /** Waits for {@code count} ImageBuilt records of the request's release and returns them in order. */
    private List<ConsumerRecord<String, String>> imageBuilt(BuildRequested request, int count) {
        String releaseId = request.releaseId().value();
        ConsumerTask<String, String> task = kafka.consumeStrings().fromTopics(BUILT);
        try {
            await().atMost(PATIENCE).until(() -> ofRelease(task, releaseId).size() >= count);
            return ofRelease(task, releaseId);
        } finally {
            task.close();
        }
    }

    private static List<ConsumerRecord<String, String>> ofRelease(ConsumerTask<String, String> task, String releaseId) {
        return task.getRecords().stream().filter(r -> releaseId.equals(r.key())).toList();
    }

    private static List<ImageBuilt> decode(List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .map(r -> EventCodec.instance().<ImageBuilt>decode(EventType.IMAGE_BUILT, r.value()))
                .toList();
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
