package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release whose container exits at start: the verdict says why, and the previous version is put back. */
class LedgerRolloutE2ETest {
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
        harness = PipelineHarness.start(monorepo, Map.of("local", PipelineHarness.engine()), work.resolve("run"));
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
    void aContainerThatExitsAtStartFailsTheReleaseWithTheReasonAndThePreviousVersionRunsAgain() throws Exception {
        ReleaseId good = harness.release("slipway-serve.yaml", "1.0.0");
        assertThat(harness.awaitVerified(good).verdict()).isEqualTo(Verdict.PASSED);
        String goodImage = harness.<ImageBuilt>events(EventType.IMAGE_BUILT, good).get(0).image().id().value();

        ReleaseId broken = harness.release("slipway-crash.yaml", "1.1.0");
        Verified verified = harness.awaitVerified(broken);

        assertThat(verified.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(verified.diagnosis()).contains("ledger", "local", "code 3",
                "Error: @prisma/client did not initialize yet");
        RolloutDone rollout = harness.<RolloutDone>events(EventType.ROLLOUT_DONE, broken).get(0);
        assertThat(rollout.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        InspectContainerResponse container = docker.inspectContainerCmd(CONTAINER).exec();
        assertThat(container.getState().getRunning()).isTrue();
        assertThat(container.getImageId()).isEqualTo(goodImage);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:18580/")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).contains("ledger serve");
    }

    @Test
    void aFailedBuildIsPassedThroughEveryStageToOneFailedVerdictWithTheBuildersError() {
        ReleaseId id = harness.release("slipway-broken-build.yaml", "1.2.0");

        Verified verified = harness.awaitVerified(id);

        assertThat(verified.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(verified.diagnosis()).contains("ledger", "returned a non-zero code: 1");
        assertThat(harness.<ImageBuilt>events(EventType.IMAGE_BUILT, id)).singleElement()
                .satisfies(built -> assertThat(built.error()).contains("failed to build"));
        assertThat(harness.<ImageDistributed>events(EventType.IMAGE_DISTRIBUTED, id)).singleElement()
                .satisfies(distributed -> assertThat(distributed.nodes()).isEmpty());
        assertThat(harness.<RolloutDone>events(EventType.ROLLOUT_DONE, id)).singleElement()
                .satisfies(rollout -> assertThat(rollout.outcome()).isEqualTo(RolloutOutcome.SKIPPED));
        assertThat(harness.<Verified>events(EventType.VERIFIED, id)).hasSize(1);
    }
}
