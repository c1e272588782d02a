package dev.slipway.e2e;

import static dev.slipway.e2e.PipelineHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.docker.DockerEngines;
import dev.slipway.cli.local.LocalPipeline;
import dev.slipway.cli.local.PipelineService;
import dev.slipway.cli.local.ServiceProcess;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.nio.file.Files;
import java.time.Instant;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventIds;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.Topics;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled example (examples/shop) released through the whole pipeline on one node. */
class ShopReleaseE2ETest {
    private static final List<String> CONTAINERS = List.of("shop-web", "shop-api");
    private static final String MALFORMED_KEY = "e2e-malformed";
    @TempDir
    static Path runFolder;
    static PipelineHarness harness;
    static DockerClient docker;

    @BeforeAll
    static void startPipeline() {
        docker = DockerEngines.connect(PipelineHarness.engine());
        harness = PipelineHarness.startShop(docker, runFolder);
    }

    @AfterAll
    static void stopPipeline() throws Exception {
        PipelineHarness.stopShop(harness, docker);
    }

    @Test
    void theExampleReleaseEndsPassedAndItsContainersAnswer() throws Exception {
        ReleaseId id = harness.release("slipway.yaml", "1.0.0");

        Verified verified = harness.awaitVerified(id);

        assertThat(verified.verdict()).as(verified.diagnosis()).isEqualTo(Verdict.PASSED);
        assertThat(verified.services()).extracting(s -> s.service().value()).containsExactlyInAnyOrder("web", "api");
        assertThat(verified.checks()).hasSize(4).allSatisfy(check -> assertThat(check.passed()).isTrue());
        HttpResponse<String> web = get("http://127.0.0.1:18480/");
        assertThat(web.statusCode()).isEqualTo(200);
        assertThat(web.body()).contains("Slipway");
        HttpResponse<String> api = get("http://127.0.0.1:18481/api/v1/me");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).contains("\"error\":\"Unauthorized\"");
        assertThat(harness.<Verified>events(EventType.VERIFIED, id)).hasSize(1);
    }

    @Test
    void everyEventOnEveryTopicIsAValidCloudEventOfItsTopicsType() {
        ReleaseId id = harness.release("slipway.yaml", "1.0.1");
        harness.awaitVerified(id);

        for (EventType type : EventType.values()) {
            List<ConsumerRecord<String, byte[]>> records = harness.records(Topics.defaultName(type));
            assertThat(records).as(type.channel()).isNotEmpty();
            for (ConsumerRecord<String, byte[]> record : records) {
                if (MALFORMED_KEY.equals(record.key())) {
                    continue;
                }
                String where = type.channel() + " offset " + record.offset();
                assertThat(header(record, "ce_specversion")).as(where).isEqualTo("1.0");
                assertThat(header(record, "ce_type")).as(where).isEqualTo(type.type());
                assertThat(header(record, "ce_subject")).as(where).isEqualTo(record.key());
                assertThat(header(record, "ce_source")).as(where).startsWith("/slipway/");
                String json = new String(record.value(), StandardCharsets.UTF_8);
                assertThat(EventCodec.instance().validate(type, json)).as(where + ": " + json).isNull();
                assertThat(header(record, "ce_id")).as(where)
                        .isEqualTo(EventIds.of(EventCodec.instance().decode(type, json)));
            }
        }
    }

    @Test
    void aMalformedBuildRequestGoesToTheDeadLetterTopicAndTheNextRequestStillPasses() throws Exception {
        try (KafkaProducer<String, byte[]> producer = harness.clients.producer()) {
            producer.send(new ProducerRecord<>(Topics.defaultName(EventType.BUILD_REQUESTED), MALFORMED_KEY,
                    "{\"releaseId\": oops".getBytes(StandardCharsets.UTF_8))).get();
        }
        ReleaseId id = harness.release("slipway.yaml", "1.0.2");

        assertThat(harness.awaitVerified(id).verdict()).isEqualTo(Verdict.PASSED);
        List<ConsumerRecord<String, byte[]>> deadLetters = harness.records(Topics.deadLetterName(EventType.BUILD_REQUESTED));
        assertThat(deadLetters).filteredOn(record -> MALFORMED_KEY.equals(record.key())).singleElement()
                .satisfies(record -> assertThat(header(record, "dead-letter-reason")).contains("not a CloudEvent"));
    }

    @Test
    void stagesRestartedBeforeAcknowledgingReDoNothingAndEmitTheSameOutcomes() throws Exception {
        ReleaseId id = harness.release("slipway.yaml", "1.0.3");
        assertThat(harness.awaitVerified(id).verdict()).isEqualTo(Verdict.PASSED);
        Map<String, String> containerIds = containerIds();
        List<ImageBuilt> built = harness.events(EventType.IMAGE_BUILT, id);
        Map<String, String> created = new HashMap<>();
        built.forEach(b -> created.put(b.image().id().value(), docker.inspectImageCmd(b.image().id().value()).exec().getCreated()));

        // As if every stage had done its work for this release and died before acknowledging it.
        harness.pipeline.stopServices();
        rewindConsumerGroupsTo(id);
        harness.pipeline.startServices(line -> System.out.println("[pipeline] " + line));

        // Each stage re-reads its input from the release's first record: the builder's 2 images again,
        // the distributor 2 + 2 inputs, the rollout 2 + 4, the verifier 2 + 6.
        await().atMost(PipelineHarness.RELEASE_TIMEOUT).until(() -> harness.events(EventType.ROLLOUT_DONE, id).size() == 8);
        awaitVerifierCaughtUp();
        List<ImageBuilt> rebuilt = harness.events(EventType.IMAGE_BUILT, id);
        assertThat(rebuilt).hasSize(4);
        assertThat(rebuilt.subList(2, 4)).extracting(b -> b.image().id())
                .containsExactlyInAnyOrderElementsOf(built.stream().map(b -> b.image().id()).toList());
        created.forEach((image, time) -> assertThat(docker.inspectImageCmd(image).exec().getCreated()).isEqualTo(time));
        List<ImageDistributed> distributed = harness.events(EventType.IMAGE_DISTRIBUTED, id);
        assertThat(distributed).hasSize(6);
        assertThat(distributed.subList(2, 6)).flatExtracting(ImageDistributed::nodes)
                .allSatisfy(node -> assertThat(node.outcome()).isEqualTo(NodeOutcome.ALREADY_PRESENT));
        List<RolloutDone> rolledOut = harness.events(EventType.ROLLOUT_DONE, id);
        assertThat(rolledOut).extracting(RolloutDone::outcome).containsOnly(RolloutOutcome.ROLLED_OUT);
        assertThat(containerIds()).isEqualTo(containerIds);
        assertThat(harness.<Verified>events(EventType.VERIFIED, id)).hasSize(1);
    }

    @Test
    void aRolloutKilledInTheMiddleOfItsWorkIsBackWithItsRecordAndTheReleaseEndsOnce() throws Exception {
        ReleaseId id = harness.release("slipway.yaml", "1.0.4");
        ServiceProcess rollout = harness.pipeline.services().stream()
                .filter(p -> p.service() == PipelineService.ROLLOUT).findFirst().orElseThrow();
        String received = "received " + EventType.IMAGE_DISTRIBUTED.type() + " " + id + "/";
        await().atMost(PipelineHarness.RELEASE_TIMEOUT).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.readString(rollout.log()).contains(received));
        Instant killed = Instant.now();

        ServiceProcess restarted = harness.pipeline.killAndRestart(PipelineService.ROLLOUT, Duration.ofSeconds(2));
        Verified verified = harness.awaitVerified(id);
        Duration killToVerdict = Duration.between(killed, Instant.now());

        System.out.println("[recovery] rollout killed mid-release: verdict " + killToVerdict.toMillis() + " ms after the kill");
        assertThat(verified.verdict()).as(verified.diagnosis()).isEqualTo(Verdict.PASSED);
        assertThat(harness.<Verified>events(EventType.VERIFIED, id)).hasSize(1);
        assertThat(Files.readString(restarted.log())).as("the restarted rollout got the unacknowledged record back")
                .contains(received);
        for (String container : CONTAINERS) {
            InspectContainerResponse inspected = docker.inspectContainerCmd(container).exec();
            assertThat(inspected.getState().getRunning()).as(container).isTrue();
            assertThat(inspected.getHostConfig().getRestartPolicy().getName()).as(container).isEqualTo("unless-stopped");
        }
        assertThat(get("http://127.0.0.1:18480/").statusCode()).isEqualTo(200);
    }

    @Test
    void aRolloutStoppedWithSigtermInTheMiddleOfItsWorkLeavesTheRecordToItsNextStart() throws Exception {
        ReleaseId id = harness.release("slipway.yaml", "1.0.5");
        ServiceProcess rollout = harness.pipeline.services().stream()
                .filter(p -> p.service() == PipelineService.ROLLOUT).findFirst().orElseThrow();
        String switching = "release " + id + " service ";
        await().atMost(PipelineHarness.RELEASE_TIMEOUT).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.readString(rollout.log()).contains(switching));

        LocalPipeline.Restarted restarted = harness.pipeline.stopAndRestart(PipelineService.ROLLOUT, Duration.ofSeconds(1));
        Verified verified = harness.awaitVerified(id);

        System.out.println("[recovery] rollout stopped with SIGTERM mid-release in " + restarted.stopTook().toMillis() + " ms");
        assertThat(verified.verdict()).as(verified.diagnosis()).isEqualTo(Verdict.PASSED);
        assertThat(harness.<Verified>events(EventType.VERIFIED, id)).hasSize(1);
        assertThat(harness.<RolloutDone>events(EventType.ROLLOUT_DONE, id)).as("nothing published for work cut short")
                .extracting(RolloutDone::outcome).containsOnly(RolloutOutcome.ROLLED_OUT);
        assertThat(get("http://127.0.0.1:18480/").statusCode()).isEqualTo(200);
    }

    /**
     * Sets each stage's committed offset back to the first record of the release on its input topic, once
     * the stages' static members have left their groups (their session timeout after a SIGTERM).
     */
    private static void rewindConsumerGroupsTo(ReleaseId id) throws Exception {
        Map<String, EventType> inputs = Map.of("slipway-builder", EventType.BUILD_REQUESTED,
                "slipway-distributor", EventType.IMAGE_BUILT, "slipway-rollout", EventType.IMAGE_DISTRIBUTED,
                "slipway-verifier", EventType.ROLLOUT_DONE);
        try (Admin admin = harness.clients.admin()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeConsumerGroups(inputs.keySet()).all().get()
                    .values().stream().allMatch(group -> group.members().isEmpty()));
            for (var input : inputs.entrySet()) {
                String topic = Topics.defaultName(input.getValue());
                long first = harness.records(topic).stream().filter(r -> id.value().equals(r.key()))
                        .mapToLong(ConsumerRecord::offset).min().orElseThrow();
                admin.alterConsumerGroupOffsets(input.getKey(),
                        Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(first))).all().get();
            }
        }
    }

    private static void awaitVerifierCaughtUp() {
        String topic = Topics.defaultName(EventType.ROLLOUT_DONE);
        TopicPartition partition = new TopicPartition(topic, 0);
        await().atMost(PipelineHarness.RELEASE_TIMEOUT).until(() -> {
            try (Admin admin = harness.clients.admin()) {
                long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("slipway-verifier")
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() == end;
            }
        });
    }

    private static Map<String, String> containerIds() {
        Map<String, String> ids = new HashMap<>();
        CONTAINERS.forEach(name -> ids.put(name, docker.inspectContainerCmd(name).exec().getId()));
        return ids;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
