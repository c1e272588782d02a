package dev.slipway.distributor.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.distributor.TestEvents;
import dev.slipway.distributor.stage.DistributionStage;
import dev.slipway.distributor.stream.StreamFanOut;
import dev.slipway.distributor.transport.NodeTransport;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.names.NodeName;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The docker transport on the two real test engines: engine 1 builds and is node-a, engine 2 is node-b. */
class DockerDistributionTest {
    private static final String MISSING_ENGINE = "unix:///tmp/slipway-test-distributor-no-engine/docker.sock";

    private final String engineOne = DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV);
    private final String engineTwo = DockerEngines.testEngine(DockerEngines.SECOND_TEST_ENGINE_ENV);
    private DockerClient one;
    private DockerClient two;
    private final List<BuiltImage> images = new ArrayList<>();
    private final List<DistributionStage> stages = new ArrayList<>();

    @BeforeEach
    void connect() {
        one = DockerEngines.connect(engineOne);
        two = DockerEngines.connect(engineTwo);
    }

    @AfterEach
    void cleanUp() throws IOException {
        stages.forEach(DistributionStage::close);
        for (BuiltImage image : images) {
            TestImages.remove(two, image);
            TestImages.remove(one, image);
        }
        one.close();
        two.close();
    }

    @Test
    void importsOnTheNodeThatLacksTheImageAndSkipsTheNodeThatHasIt() {
        BuiltImage image = buildOnEngineOne();
        assertThat(TestImages.holds(two, image.id().value())).isFalse();
        DistributionStage stage = stage(node("node-a", engineOne), node("node-b", engineTwo));

        ImageDistributed first = stage.distribute(built(image));

        assertThat(first.outcome()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(first.nodes()).extracting(NodeResult::node, NodeResult::outcome)
                .containsExactly(tuple(NodeName.of("node-a"), NodeOutcome.ALREADY_PRESENT),
                        tuple(NodeName.of("node-b"), NodeOutcome.IMPORTED));
        assertThat(first.nodes().get(0).bytes()).isZero();
        assertThat(first.nodes().get(1).bytes()).isGreaterThan(image.sizeBytes() / 2);
        assertThat(two.inspectImageCmd(image.id().value()).exec().getRepoTags()).contains(image.ref().value());
        assertThat(two.inspectImageCmd(image.ref().value()).exec().getId()).isEqualTo(image.id().value());

        ImageDistributed again = stage.distribute(built(image));

        assertThat(again.outcome()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(again.nodes()).extracting(NodeResult::outcome, NodeResult::bytes)
                .containsExactly(tuple(NodeOutcome.ALREADY_PRESENT, 0L), tuple(NodeOutcome.ALREADY_PRESENT, 0L));
    }

    @Test
    void anUnreachableNodeFailsNamingItsAddressAndTheOtherNodeStillImports() {
        BuiltImage image = buildOnEngineOne();
        DistributionStage stage = stage(node("node-b", engineTwo), node("node-c", MISSING_ENGINE));

        ImageDistributed distributed = stage.distribute(built(image));

        assertThat(distributed.outcome()).isEqualTo(StageOutcome.FAILED);
        NodeResult b = distributed.nodes().get(0);
        NodeResult c = distributed.nodes().get(1);
        assertThat(b.outcome()).isEqualTo(NodeOutcome.IMPORTED);
        assertThat(TestImages.holds(two, image.id().value())).isTrue();
        assertThat(c.outcome()).isEqualTo(NodeOutcome.FAILED);
        assertThat(c.bytes()).isZero();
        assertThat(c.error()).startsWith("node node-c: cannot reach the docker node at " + MISSING_ENGINE)
                .endsWith("Check that it is up and that slipway.nodes.node-c.engine points at it.");
        assertThat(distributed.error()).contains("is not on 1 of 2 nodes (node-c)");
    }

    @Test
    void anImageTheNodeHoldsUnderAnotherTagIsNamedWithoutSendingIt() {
        BuiltImage image = buildOnEngineOne();
        DistributionStage stage = stage(node("node-b", engineTwo));
        stage.distribute(built(image));
        two.tagImageCmd(image.id().value(), image.ref().repository().value(), "earlier").exec();
        two.removeImageCmd(image.ref().value()).exec();
        assertThat(TestImages.holds(two, image.ref().value())).isFalse();

        ImageDistributed distributed = stage.distribute(built(image));

        assertThat(distributed.nodes()).extracting(NodeResult::outcome, NodeResult::bytes)
                .containsExactly(tuple(NodeOutcome.ALREADY_PRESENT, 0L));
        assertThat(two.inspectImageCmd(image.ref().value()).exec().getId()).isEqualTo(image.id().value());
    }

    @Test
    void aBuildEngineThatNoLongerHoldsTheImageFailsTheNodesThatNeedIt() {
        BuiltImage image = buildOnEngineOne();
        BuiltImage other = buildOnEngineOne();
        BuiltImage retagged = new BuiltImage(other.ref(), image.id(), image.sizeBytes(), image.layers());
        DistributionStage stage = stage(node("node-b", engineTwo));

        ImageDistributed distributed = stage.distribute(built(retagged));

        NodeResult b = distributed.nodes().get(0);
        assertThat(b.outcome()).isEqualTo(NodeOutcome.FAILED);
        assertThat(b.error()).isEqualTo("node node-b: reading " + other.ref() + " from the build engine " + engineOne
                + " failed: it now names " + other.id() + ", not the built " + image.id()
                + " (a later build took the tag); release again");
        assertThat(TestImages.holds(two, image.id().value())).isFalse();
    }

    @Test
    void twoNodesThatLackTheImageAreFedFromOneSaveAtTheSameTime() {
        BuiltImage image = buildOnEngineOne();
        DistributionStage stage = stage(node("node-b", engineTwo), node("node-b-again", engineTwo));

        ImageDistributed distributed = stage.distribute(built(image));

        assertThat(distributed.outcome()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(distributed.nodes()).extracting(NodeResult::outcome)
                .containsExactly(NodeOutcome.IMPORTED, NodeOutcome.IMPORTED);
        assertThat(distributed.nodes().get(0).bytes()).isPositive().isEqualTo(distributed.nodes().get(1).bytes());
        assertThat(two.inspectImageCmd(image.ref().value()).exec().getId()).isEqualTo(image.id().value());
    }

    private BuiltImage buildOnEngineOne() {
        BuiltImage image = TestImages.build(one);
        images.add(image);
        return image;
    }

    private static ImageBuilt built(BuiltImage image) {
        return TestEvents.built("distributor-test-1.0", "api", image);
    }

    private static NodeTransport node(String name, String engine) {
        return new DockerNodeTransport(NodeName.of(name), URI.create(engine));
    }

    private DistributionStage stage(NodeTransport... nodes) {
        var executor = Executors.newCachedThreadPool();
        DistributionStage stage = new DistributionStage(List.of(nodes), new DockerImageSource(URI.create(engineOne)),
                new StreamFanOut(executor, 64 * 1024, 1024 * 1024), executor);
        stages.add(stage);
        return stage;
    }
}
