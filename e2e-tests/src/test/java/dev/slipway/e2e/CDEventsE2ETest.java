package dev.slipway.e2e;

import static dev.slipway.e2e.PipelineHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import dev.cdevents.CDEvents;
import dev.slipway.cdevents.CDEventsMapping;
import dev.slipway.cli.local.LocalPipeline;
import dev.slipway.cli.local.PipelineService;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.CheckResult;
import dev.slipway.events.EventType;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled example released through the four packaged services, first as they start by default (CDEvents off:
 * nothing on {@code slipway.cdevents}), then with {@code slipway.cdevents.enabled=true}: every CDEvent of the release
 * on the topic is a structured CloudEvent whose data is valid against its CDEvents schema, with ids derived from the
 * Slipway events' ids.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CDEventsE2ETest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
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
    @Order(1)
    void byDefaultAReleaseWritesNoCDEvent() {
        ReleaseId id = harness.release("slipway.yaml", "3.0.0");

        Verified verified = harness.awaitVerified(id);
        assertThat(verified.verdict()).as(verified.diagnosis() + " " + verified.services()).isEqualTo(Verdict.PASSED);

        // with the setting on, the verifier writes the verdict's CDEvents right after Verified: give it that time
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(CDEventsOnTopic.records(harness, id)).isEmpty());
    }

    @Test
    @Order(2)
    void withTheSettingOnEveryOutcomeOfTheReleaseIsAValidCDEventOnItsOwnTopic() throws Exception {
        LocalPipeline.Settings settings = harness.pipeline.settings();
        for (PipelineService service : PipelineService.values()) {
            settings = settings.withProperties(service, Map.of("slipway.cdevents.enabled", "true"));
        }
        harness.pipeline.stopServices();
        harness.pipeline.startServices(settings, line -> System.out.println("[pipeline] " + line));
        ReleaseId id = harness.release("slipway.yaml", "3.0.1");
        Verified verified = harness.awaitVerified(id);
        assertThat(verified.verdict()).as(verified.diagnosis() + " " + verified.services()).isEqualTo(Verdict.PASSED);

        await().atMost(Duration.ofSeconds(30)).until(() -> CDEventsOnTopic.types(CDEventsOnTopic.records(harness, id))
                .contains("dev.cdevents.pipelinerun.finished.0.1.1"));
        List<ConsumerRecord<String, byte[]>> records = CDEventsOnTopic.records(harness, id);

        List<JsonNode> cloudEvents = CDEventsOnTopic.validated(records);
        reportDelays(records, id);

        // two services on Docker replacing 3.0.0's containers, four checks: what the mapping promises for a PASSED
        // release, nothing more
        assertThat(CDEventsOnTopic.countByType(cloudEvents)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "dev.cdevents.build.finished.0.1.1", 2L,
                "dev.cdevents.artifact.packaged.0.1.1", 2L,
                "dev.cdevents.artifact.published.0.1.1", 2L,
                "dev.cdevents.service.upgraded.0.1.1", 2L,
                "dev.cdevents.testcaserun.finished.0.1.0", (long) verified.checks().size(),
                "dev.cdevents.testsuiterun.finished.0.1.0", 1L,
                "dev.cdevents.pipelinerun.finished.0.1.1", 1L));
        assertThat(cloudEvents).extracting(e -> e.path("id").asText()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expectedIds(id));
        for (JsonNode testCase : CDEventsOnTopic.ofType(cloudEvents, "dev.cdevents.testcaserun.finished.0.1.0")) {
            CheckResult check = verified.checks().get(Integer.parseInt(testCase.at("/data/subject/id").asText()
                    .substring((id.value() + "/checks/").length())));
            assertThat(testCase.at("/data/subject/content/outcome").asText()).isEqualTo("pass");
            assertThat(testCase.at("/data/subject/content/testCase/name").asText()).isEqualTo(check.name());
            assertThat(testCase.at("/data/subject/content/reason").asText())
                    .isEqualTo("expected " + check.expected() + "; observed " + check.observed());
        }
        assertThat(CDEventsOnTopic.ofType(cloudEvents, "dev.cdevents.pipelinerun.finished.0.1.1")).singleElement()
                .satisfies(run -> assertThat(run.at("/data/subject/content/outcome").asText()).isEqualTo("success"));
        assertThat(CDEventsOnTopic.ofType(cloudEvents, "dev.cdevents.service.upgraded.0.1.1"))
                .extracting(e -> e.path("subject").asText()).containsExactlyInAnyOrder("shop/web", "shop/api");
        assertThat(CDEventsOnTopic.ofType(cloudEvents, "dev.cdevents.service.upgraded.0.1.1"))
                .allSatisfy(upgraded -> assertThat(upgraded.at("/data/customData/nodes/0/previousImage").asText())
                        .as("the 3.0.0 container's image, replaced").startsWith("sha256:"));
    }

    /** The ids the mapping gives for the release's own events as they are on their topics: derived, so they must match. */
    private static Set<String> expectedIds(ReleaseId id) {
        List<Object> events = new ArrayList<>();
        for (EventType type : List.of(EventType.IMAGE_BUILT, EventType.IMAGE_DISTRIBUTED, EventType.ROLLOUT_DONE,
                EventType.VERIFIED)) {
            events.addAll(harness.events(type, id));
        }
        return events.stream()
                .flatMap(event -> CDEventsMapping.of(event, URI.create("/slipway/any"), Instant.now()).stream())
                .map(cdEvent -> {
                    try {
                        return MAPPER.readTree(CDEvents.cdEventAsJson(cdEvent)).at("/context/id").asText();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .collect(Collectors.toSet());
    }

    /**
     * Prints how long after its source event (Kafka record times) each CDEvent was on the topic: what turning CDEvents
     * on adds before a stage acknowledges its input.
     */
    private static void reportDelays(List<ConsumerRecord<String, byte[]>> cdEvents, ReleaseId id) throws Exception {
        Map<String, Long> sourceTimes = new java.util.HashMap<>();
        for (EventType type : List.of(EventType.IMAGE_BUILT, EventType.IMAGE_DISTRIBUTED, EventType.ROLLOUT_DONE,
                EventType.VERIFIED)) {
            harness.records(dev.slipway.events.Topics.defaultName(type)).stream()
                    .filter(r -> id.value().equals(r.key()))
                    .forEach(r -> sourceTimes.put(header(r, "ce_id"), r.timestamp()));
        }
        List<Long> delays = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : cdEvents) {
            String cdEventId = MAPPER.readTree(record.value()).path("id").asText();
            sourceTimes.entrySet().stream().filter(e -> cdEventId.startsWith(e.getKey() + "/"))
                    .max(java.util.Comparator.comparingInt(e -> e.getKey().length()))
                    .ifPresent(e -> delays.add(record.timestamp() - e.getValue()));
        }
        java.util.Collections.sort(delays);
        System.out.println("[cdevents] " + delays.size() + " CDEvents on the topic after their source event by (ms): "
                + delays + "; median " + delays.get(delays.size() / 2) + ", max " + delays.get(delays.size() - 1));
    }
}
