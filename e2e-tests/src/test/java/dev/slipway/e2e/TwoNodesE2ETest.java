package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two Docker engines as two nodes: the image goes only where it is missing. */
class TwoNodesE2ETest {
    private static final String CONTAINER = "slipway-e2e-ledger-two-nodes";
    private static final String REPOSITORY = "slipway-e2e/ledger-two-nodes";
    @TempDir
    static Path work;
    static PipelineHarness harness;
    static DockerClient buildEngine;
    static DockerClient secondEngine;

    @BeforeAll
    static void startPipeline() {
        buildEngine = DockerEngines.connect(PipelineHarness.engine());
        secondEngine = DockerEngines.connect(PipelineHarness.secondEngine());
        clean();
        Path monorepo = Monorepos.copy("ledger", work.resolve("ledger"));
        harness = PipelineHarness.start(monorepo,
                Map.of("node-1", PipelineHarness.engine(), "node-2", PipelineHarness.secondEngine()), work.resolve("run"));
    }

    @AfterAll
    static void stopPipeline() throws Exception {
        if (harness != null) {
            harness.close();
        }
        clean();
        buildEngine.close();
        secondEngine.close();
    }

    @Test
    void theImageIsLoadedOnTheNodeThatLackedItAndReportedPresentOnTheOneThatHadIt() {
        ReleaseId id = harness.release("slipway-two-nodes.yaml", "3.0.0");

        Verified verified = harness.awaitVerified(id);

        assertThat(verified.verdict()).as(verified.diagnosis()).isEqualTo(Verdict.PASSED);
        ImageDistributed distributed = harness.<ImageDistributed>events(EventType.IMAGE_DISTRIBUTED, id).get(0);
        Map<String, NodeResult> byNode = distributed.nodes().stream()
                .collect(Collectors.toMap(n -> n.node().value(), n -> n));
        assertThat(byNode.get("node-1").outcome()).isEqualTo(NodeOutcome.ALREADY_PRESENT);
        assertThat(byNode.get("node-1").bytes()).isZero();
        assertThat(byNode.get("node-2").outcome()).isEqualTo(NodeOutcome.IMPORTED);
        assertThat(byNode.get("node-2").bytes()).isPositive();
        String imageId = distributed.image().id().value();
        assertThat(secondEngine.inspectImageCmd(imageId).exec().getId()).isEqualTo(imageId);
        assertThat(secondEngine.inspectContainerCmd(CONTAINER).exec().getState().getRunning()).isTrue();
        assertThat(buildEngine.inspectContainerCmd(CONTAINER).exec().getState().getRunning()).isTrue();
    }

    private static void clean() {
        for (DockerClient engine : List.of(buildEngine, secondEngine)) {
            PipelineHarness.removeContainers(engine, CONTAINER);
            engine.listImagesCmd().withReferenceFilter(REPOSITORY).exec()
                    .forEach(image -> removeImage(engine, image.getId()));
        }
    }

    private static void removeImage(DockerClient engine, String id) {
        try {
            engine.removeImageCmd(id).withForce(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }
}
