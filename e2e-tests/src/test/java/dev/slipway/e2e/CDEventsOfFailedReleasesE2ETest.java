package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import dev.slipway.cli.local.LocalPipeline;
import dev.slipway.cli.local.PipelineService;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed releases with CDEvents on (the ledger monorepo of {@link LedgerRolloutE2ETest}): a container that exits at
 * start is a {@code service.rolledback}, failed test case runs and a failed pipeline run; a build that fails is a
 * {@code build.finished} without artifact, no artifact or service event, failed checks and a failed pipeline run.
 */
class CDEventsOfFailedReleasesE2ETest {
    private static final String CONTAINER = "slipway-e2e-ledger";
    @TempDir
    static Path work;
    static PipelineHarness harness;
    static DockerClient docker;

    @BeforeAll
    static void startPipeline() {
        docker = DockerEngines.connect(PipelineHarness.engine());
        PipelineHarness.removeContainers(docker, CONTAINER);
        Path monorepo = Monorepos.copy("ledger", work.resolve("ledger"));
        LocalPipeline.Settings settings = PipelineHarness.settings(monorepo, Map.of("local", PipelineHarness.engine()),
                work.resolve("run"));
        for (PipelineService service : PipelineService.values()) {
            settings = settings.withProperties(service, Map.of("slipway.cdevents.enabled", "true"));
        }
        harness = PipelineHarness.start(settings);
    }

    @AfterAll
    static void stopPipeline() throws Exception {
        if (harness != null) {
            harness.close();
        }
        PipelineHarness.removeContainers(docker, CONTAINER);
        docker.close();
    }

    @Test
    void aRolledBackReleaseIsAServiceRolledbackFailedChecksAndAFailedPipelineRun() {
        assertThat(harness.awaitVerified(harness.release("slipway-serve.yaml", "1.0.0")).verdict()).isEqualTo(Verdict.PASSED);
        ReleaseId broken = harness.release("slipway-crash.yaml", "1.1.0");
        Verified verified = harness.awaitVerified(broken);
        assertThat(verified.verdict()).isEqualTo(Verdict.FAILED);

        List<JsonNode> cloudEvents = CDEventsOnTopic.validated(untilPipelineRunFinished(broken));

        assertThat(CDEventsOnTopic.countByType(cloudEvents)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "dev.cdevents.build.finished.0.1.1", 1L,
                "dev.cdevents.artifact.packaged.0.1.1", 1L,
                "dev.cdevents.artifact.published.0.1.1", 1L,
                "dev.cdevents.service.rolledback.0.1.1", 1L,
                "dev.cdevents.testcaserun.finished.0.1.0", (long) verified.checks().size(),
                "dev.cdevents.testsuiterun.finished.0.1.0", 1L,
                "dev.cdevents.pipelinerun.finished.0.1.1", 1L));
        assertThat(CDEventsOnTopic.ofType(cloudEvents, "dev.cdevents.service.rolledback.0.1.1")).singleElement()
                .satisfies(rolledBack -> {
                    assertThat(rolledBack.path("subject").asText()).isEqualTo("ledger/ledger");
                    assertThat(rolledBack.at("/data/customData/diagnosis").asText())
                            .contains("code 3", "@prisma/client did not initialize yet");
                });
        assertThat(CDEventsOnTopic.ofType(cloudEvents, "dev.cdevents.testcaserun.finished.0.1.0"))
                .extracting(e -> e.at("/data/subject/content/outcome").asText()).contains("fail");
        assertThat(CDEventsOnTopic.ofType(cloudEvents, "dev.cdevents.testsuiterun.finished.0.1.0")).singleElement()
                .satisfies(suite -> assertThat(suite.at("/data/subject/content/outcome").asText()).isEqualTo("fail"));
        assertThat(CDEventsOnTopic.ofType(cloudEvents, "dev.cdevents.pipelinerun.finished.0.1.1")).singleElement()
                .satisfies(run -> {
                    assertThat(run.at("/data/subject/content/outcome").asText()).isEqualTo("failure");
                    assertThat(run.at("/data/subject/content/errors").asText()).isEqualTo(verified.diagnosis());
                });
    }

    @Test
    void aFailedBuildIsABuildFinishedWithoutArtifactNoPublicationOrDeploymentAndFailedChecks() {
        ReleaseId id = harness.release("slipway-broken-build.yaml", "1.2.0");
        Verified verified = harness.awaitVerified(id);
        assertThat(verified.verdict()).isEqualTo(Verdict.FAILED);

        List<JsonNode> cloudEvents = CDEventsOnTopic.validated(untilPipelineRunFinished(id));

        // the verifier still runs the checks, so they are test case runs too
        assertThat(CDEventsOnTopic.countByType(cloudEvents)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "dev.cdevents.build.finished.0.1.1", 1L,
                "dev.cdevents.testcaserun.finished.0.1.0", (long) verified.checks().size(),
                "dev.cdevents.testsuiterun.finished.0.1.0", 1L,
                "dev.cdevents.pipelinerun.finished.0.1.1", 1L));
        JsonNode build = CDEventsOnTopic.ofType(cloudEvents, "dev.cdevents.build.finished.0.1.1").get(0);
        assertThat(build.at("/data/subject/content").has("artifactId")).isFalse();
        assertThat(build.at("/data/customData/error").asText()).contains("failed to build");
        assertThat(CDEventsOnTopic.ofType(cloudEvents, "dev.cdevents.testcaserun.finished.0.1.0"))
                .extracting(e -> e.at("/data/subject/content/outcome").asText())
                .containsExactlyElementsOf(verified.checks().stream().map(c -> c.passed() ? "pass" : "fail").toList())
                .contains("fail");
        assertThat(CDEventsOnTopic.ofType(cloudEvents, "dev.cdevents.pipelinerun.finished.0.1.1").get(0)
                .at("/data/subject/content/outcome").asText()).isEqualTo("failure");
    }

    /** The release's records on the CDEvents topic once its last one (the verdict's pipeline run) is there. */
    private static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> untilPipelineRunFinished(
            ReleaseId id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> CDEventsOnTopic.types(CDEventsOnTopic.records(harness, id))
                .contains("dev.cdevents.pipelinerun.finished.0.1.1"));
        return CDEventsOnTopic.records(harness, id);
    }
}
