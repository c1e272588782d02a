package dev.slipway.cdevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdevents.CDEvents;
import dev.cdevents.models.CDEvent;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CDEventsMappingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-27T05:03:10Z");
    private static final String API_PURL =
            "pkg:oci/api@sha256%3A1a2b3c4d5e6f" + "0".repeat(52) + "?repository_url=gx-protocol%2Fapi&tag=2.1.0";
    private final Releases release = new Releases();

    @Test
    void aBuiltImageIsABuildFinishedWithItsArtifactAndAnArtifactPackaged() {
        List<JsonNode> events = map(release.built("api"), "/slipway/builder");

        assertThat(events).extracting(e -> e.at("/context/type").asText())
                .containsExactly("dev.cdevents.build.finished.0.1.1", "dev.cdevents.artifact.packaged.0.1.1");
        JsonNode build = events.get(0);
        assertThat(build.at("/context/id").asText()).isEqualTo("shop-2.1.0-5c1257a2/image-built/api/SUCCEEDED/build.finished");
        assertThat(build.at("/context/source").asText()).isEqualTo("/slipway/builder");
        assertThat(build.at("/context/timestamp").asText()).startsWith("2026-11-27T05:03:10");
        assertThat(build.at("/subject/id").asText()).isEqualTo("shop-2.1.0-5c1257a2/api");
        assertThat(build.at("/subject/content/artifactId").asText()).isEqualTo(API_PURL);
        assertThat(build.at("/customData/sizeBytes").asLong()).isEqualTo(346_000_000);
        JsonNode packaged = events.get(1);
        assertThat(packaged.at("/subject/id").asText()).isEqualTo(API_PURL);
        assertThat(packaged.at("/subject/content/change/id").asText()).isEqualTo("shop-2.1.0-5c1257a2");
    }

    @Test
    void aFailedBuildIsABuildFinishedWithoutArtifactAndTheErrorInCustomData() {
        List<JsonNode> events = map(release.buildFailed("web"), "/slipway/builder");

        assertThat(events).singleElement().satisfies(build -> {
            assertThat(build.at("/context/type").asText()).isEqualTo("dev.cdevents.build.finished.0.1.1");
            assertThat(build.at("/context/id").asText()).endsWith("/image-built/web/FAILED/build.finished");
            assertThat(build.at("/subject/content").has("artifactId")).isFalse();
            assertThat(build.at("/customData/error").asText()).isEqualTo("step 4/9 RUN npm ci: exit code 1");
        });
    }

    @Test
    void aDistributedImageIsOneArtifactPublishedWithEveryNodesResult() {
        List<JsonNode> events = map(release.distributed("api"), "/slipway/distributor");

        assertThat(events).singleElement().satisfies(published -> {
            assertThat(published.at("/context/type").asText()).isEqualTo("dev.cdevents.artifact.published.0.1.1");
            assertThat(published.at("/context/source").asText()).isEqualTo("/slipway/distributor");
            assertThat(published.at("/subject/id").asText()).isEqualTo(API_PURL);
            assertThat(published.at("/customData/nodes").toString()).isEqualTo(
                    "[{\"node\":\"vps-1\",\"outcome\":\"IMPORTED\",\"bytes\":346000000,\"durationMillis\":9800},"
                            + "{\"node\":\"vps-2\",\"outcome\":\"ALREADY_PRESENT\",\"bytes\":0,\"durationMillis\":40}]");
        });
    }

    @Test
    void aFailedDistributionPublishedNothing() {
        assertThat(map(release.distributionFailed("api"), "/slipway/distributor")).isEmpty();
    }

    @Test
    void aKubernetesWorkloadRolledOutIsAServiceUpgraded() {
        List<JsonNode> events = map(release.rolledOut("api"), "/slipway/rollout");

        assertThat(events).singleElement().satisfies(upgraded -> {
            assertThat(upgraded.at("/context/type").asText()).isEqualTo("dev.cdevents.service.upgraded.0.1.1");
            assertThat(upgraded.at("/subject/id").asText()).isEqualTo("shop/api");
            assertThat(upgraded.at("/subject/content/artifactId").asText()).isEqualTo(API_PURL);
            assertThat(upgraded.at("/subject/content/environment/id").asText()).isEqualTo("kubernetes/backend-mainnet");
        });
    }

    @Test
    void dockerContainersRolledOutAreAServiceDeployedOnTheirNodes() {
        List<JsonNode> events = map(release.rolledOut("web"), "/slipway/rollout");

        assertThat(events).singleElement().satisfies(deployed -> {
            assertThat(deployed.at("/context/type").asText()).isEqualTo("dev.cdevents.service.deployed.0.1.1");
            assertThat(deployed.at("/subject/id").asText()).isEqualTo("shop/web");
            assertThat(deployed.at("/subject/content/environment/id").asText()).isEqualTo("docker/vps-1,vps-2");
        });
    }

    @Test
    void dockerContainersThatReplacedAnImageAreAServiceUpgradedNamingWhatRanBefore() {
        RolloutDone first = release.rolledOut("web");
        RolloutDone replacing = new RolloutDone(first.release(), first.service(), first.outcome(), first.image(),
                first.nodes().stream().map(row -> row.withPreviousImage("sha256:" + "9".repeat(64))).toList(), null, 3_200);

        List<JsonNode> events = map(replacing, "/slipway/rollout");

        assertThat(events).singleElement().satisfies(upgraded -> {
            assertThat(upgraded.at("/context/type").asText()).isEqualTo("dev.cdevents.service.upgraded.0.1.1");
            assertThat(upgraded.at("/customData/nodes/0/previousImage").asText()).isEqualTo("sha256:" + "9".repeat(64));
        });
    }

    @Test
    void aRolledBackServiceIsAServiceRolledbackWithItsDiagnosis() {
        String diagnosis = "api: CrashLoopBackOff on vps-1: @prisma/client did not initialize yet; rolled back";
        List<JsonNode> events = map(release.rolledBack("api", diagnosis), "/slipway/rollout");

        assertThat(events).singleElement().satisfies(rolledBack -> {
            assertThat(rolledBack.at("/context/type").asText()).isEqualTo("dev.cdevents.service.rolledback.0.1.1");
            assertThat(rolledBack.at("/context/id").asText())
                    .isEqualTo("shop-2.1.0-5c1257a2/rollout-done/api/ROLLED_BACK/service.rolledback");
            assertThat(rolledBack.at("/subject/content/artifactId").asText()).isEqualTo(API_PURL);
            assertThat(rolledBack.at("/customData/diagnosis").asText()).isEqualTo(diagnosis);
        });
    }

    @Test
    void aFailedOrSkippedRolloutDeployedNothing() {
        assertThat(map(release.ended("api", RolloutOutcome.FAILED), "/slipway/rollout")).isEmpty();
        assertThat(map(release.ended("web", RolloutOutcome.SKIPPED), "/slipway/rollout")).isEmpty();
    }

    @Test
    void aVerdictIsATestCaseRunPerCheckWithExpectedAndObservedTheSuiteAndThePipelineRun() {
        List<JsonNode> events = map(release.failed("api rolled back: CrashLoopBackOff"), "/slipway/verifier");

        assertThat(events).extracting(e -> e.at("/context/type").asText()).containsExactly(
                "dev.cdevents.testcaserun.finished.0.1.0", "dev.cdevents.testcaserun.finished.0.1.0",
                "dev.cdevents.testsuiterun.finished.0.1.0", "dev.cdevents.pipelinerun.finished.0.1.1");
        JsonNode failedCheck = events.get(0);
        assertThat(failedCheck.at("/context/id").asText()).isEqualTo("shop-2.1.0-5c1257a2/verified/testcaserun.finished/0");
        assertThat(failedCheck.at("/subject/id").asText()).isEqualTo("shop-2.1.0-5c1257a2/checks/0");
        assertThat(failedCheck.at("/subject/content/outcome").asText()).isEqualTo("fail");
        assertThat(failedCheck.at("/subject/content/reason").asText())
                .isEqualTo("expected status 401, body contains 'Unauthorized'; observed status 521");
        assertThat(failedCheck.at("/subject/content/testCase/name").asText()).isEqualTo("api answers 401");
        assertThat(failedCheck.at("/subject/content/testSuiteRun/id").asText()).isEqualTo("shop-2.1.0-5c1257a2/checks");
        assertThat(failedCheck.at("/customData/observed").asText()).isEqualTo("status 521");
        assertThat(events.get(1).at("/subject/content/outcome").asText()).isEqualTo("pass");
        JsonNode suite = events.get(2);
        assertThat(suite.at("/subject/id").asText()).isEqualTo("shop-2.1.0-5c1257a2/checks");
        assertThat(suite.at("/subject/content/outcome").asText()).isEqualTo("fail");
        assertThat(suite.at("/subject/content/reason").asText()).isEqualTo("1 of 2 checks failed");
        JsonNode pipeline = events.get(3);
        assertThat(pipeline.at("/subject/id").asText()).isEqualTo("shop-2.1.0-5c1257a2");
        assertThat(pipeline.at("/subject/content/pipelineName").asText()).isEqualTo("shop");
        assertThat(pipeline.at("/subject/content/outcome").asText()).isEqualTo("failure");
        assertThat(pipeline.at("/subject/content/errors").asText()).isEqualTo("api rolled back: CrashLoopBackOff");
    }

    @Test
    void aPassedVerdictIsEveryCheckPassTheSuitePassAndThePipelineRunSuccess() {
        List<JsonNode> events = map(release.passed(), "/slipway/verifier");

        assertThat(events).extracting(e -> e.at("/subject/content/outcome").asText())
                .containsExactly("pass", "pass", "pass", "success");
        assertThat(events.get(3).at("/subject/content").has("errors")).isFalse();
    }

    @Test
    void aReleaseThatFailedBeforeItsChecksIsOnlyAFailedPipelineRun() {
        List<JsonNode> events = map(release.failedBeforeChecks("web: image-built FAILED"), "/slipway/verifier");

        assertThat(events).singleElement().satisfies(pipeline -> {
            assertThat(pipeline.at("/context/type").asText()).isEqualTo("dev.cdevents.pipelinerun.finished.0.1.1");
            assertThat(pipeline.at("/subject/content/outcome").asText()).isEqualTo("failure");
        });
    }

    @Test
    void theSameEventMappedAgainGivesTheSameIdsAndContent() {
        List<JsonNode> first = map(release.passed(), "/slipway/verifier");
        List<JsonNode> again = map(release.passed(), "/slipway/verifier");

        assertThat(again).isEqualTo(first);
    }

    @Test
    void aBuildRequestGivesNoCDEventBecauseNoStagePublishesIt() {
        assertThat(CDEventsMapping.of(release.request, URI.create("/slipway/cli"), AT)).isEmpty();
    }

    /** Maps {@code event}, checks every CDEvent against its schema (ours and the SDK's own check), returns their JSON. */
    private static List<JsonNode> map(Object event, String source) {
        List<JsonNode> json = new ArrayList<>();
        for (CDEvent cdEvent : CDEventsMapping.of(event, URI.create(source), AT)) {
            String text = CDEvents.cdEventAsJson(cdEvent);
            assertThat(CDEventsSchemas.problems(text)).as(text).isEmpty();
            assertThat(CDEvents.validateCDEvent(cdEvent)).as(text).isTrue();
            try {
                json.add(MAPPER.readTree(text));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return json;
    }
}
