package dev.slipway.rollout.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.plan.DistributionPolicy;
import dev.slipway.events.plan.DockerRuntime;
import dev.slipway.events.plan.NodeFailurePolicy;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.rollout.RolloutStage;
import dev.slipway.rollout.target.RuntimeTargets;
import dev.slipway.rollout.testing.Events;
import dev.slipway.rollout.testing.TestImages;
import dev.slipway.rollout.testing.TestRolloutConfig;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines as two nodes, {@code a} and {@code b}, switched one after the other. The service
 * publishes no port here (both engines share this machine's 127.0.0.1).
 */
class TwoNodeRolloutTest {
    private static final NodeName A = NodeName.of("a");
    private static final NodeName B = NodeName.of("b");
    private static DockerClient engineA;
    private static DockerClient engineB;
    private static TestImages images;
    private static ImageId v1;
    private static ImageId v2;
    private static ImageId crashing;

    private ContainerName container;
    private ServicePlan api;
    private DockerNodes nodes;
    private RolloutStage stage;

    @BeforeAll
    static void buildImages() {
        engineA = DockerEngines.connect(DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV));
        engineB = DockerEngines.connect(DockerEngines.testEngine(DockerEngines.SECOND_TEST_ENGINE_ENV));
        images = new TestImages(engineA);
        v1 = images.httpd("two-v1", "v1");
        v2 = images.httpd("two-v2", "v2");
        crashing = images.crashing("two-crash");
        images.copyTo(engineB, v1);
        images.copyTo(engineB, crashing);
    }

    @AfterAll
    static void removeImages() throws IOException {
        images.close();
        engineA.close();
        engineB.close();
    }

    @BeforeEach
    void newService() {
        container = ContainerName.of(TestImages.PREFIX + UUID.randomUUID().toString().substring(0, 8));
        ServicePlan withPorts = Events.service("api", container, 18080);
        api = new ServicePlan(withPorts.name(), withPorts.build(), withPorts.image(),
                new DockerRuntime(container, List.of(), Map.of(), Map.of()));
        nodes = new DockerNodes(List.of(
                new DockerNode(B, DockerEngines.testEngine(DockerEngines.SECOND_TEST_ENGINE_ENV)),
                new DockerNode(A, DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV))));
        stage = new RolloutStage(new RuntimeTargets(List.of(
                new DockerRuntimeTarget(nodes, TestRolloutConfig.fast(), Clock.systemUTC()))), Clock.systemUTC());
    }

    @AfterEach
    void removeContainers() {
        for (DockerClient engine : List.of(engineA, engineB)) {
            for (String name : List.of(container.value(), container.value() + ".previous", container.value() + ".failed")) {
                find(engine, name).ifPresent(c -> engine.removeContainerCmd(c.getId()).withForce(true).exec());
            }
        }
        nodes.close();
    }

    private RolloutDone roll(String version, ImageId image) {
        return stage.roll(Events.distributed(Events.release("example-" + version, version, api, new RolloutPolicy(true, 20)),
                api, Events.image(api, version, image), "a", "b"));
    }

    private Optional<InspectContainerResponse> find(DockerClient engine, String name) {
        try {
            InspectContainerResponse found = engine.inspectContainerCmd(name).exec();
            return ("/" + name).equals(found.getName()) ? Optional.of(found) : Optional.empty();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Test
    void rollsOutOnEveryNodeInNameOrder() {
        RolloutDone done = roll("1.0.0", v1);

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        assertThat(done.nodes()).extracting(NodeRollout::node, NodeRollout::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(A, RolloutOutcome.ROLLED_OUT),
                        org.assertj.core.groups.Tuple.tuple(B, RolloutOutcome.ROLLED_OUT));
        assertThat(find(engineA, container.value()).orElseThrow().getImageId()).isEqualTo(v1.value());
        assertThat(find(engineB, container.value()).orElseThrow().getImageId()).isEqualTo(v1.value());
    }

    @Test
    void aNodeTheImageDidNotReachIsPassedOverWhenTheReleaseGoesOnWithoutIt() {
        roll("1.0.0", v1);
        String untouchedOnB = find(engineB, container.value()).orElseThrow().getId();
        ReleaseContext tolerant = Events.release("example-2.0.0", "2.0.0", api, new RolloutPolicy(true, 20));
        tolerant = new ReleaseContext(tolerant.releaseId(), tolerant.release(), tolerant.version(), tolerant.services(),
                tolerant.rollout(), tolerant.checks(), new DistributionPolicy(NodeFailurePolicy.CONTINUE));
        var image = Events.image(api, "2.0.0", v2);
        ImageDistributed distributed = new ImageDistributed(tolerant, api, StageOutcome.SUCCEEDED, image, List.of(
                new NodeResult(A, NodeOutcome.IMPORTED, 1000, 10, null),
                new NodeResult(B, NodeOutcome.FAILED, 0, 10, "node b: cannot reach the docker node")), null);

        RolloutDone done = stage.roll(distributed);

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        assertThat(done.nodes()).extracting(NodeRollout::node, NodeRollout::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(A, RolloutOutcome.ROLLED_OUT),
                        org.assertj.core.groups.Tuple.tuple(B, RolloutOutcome.SKIPPED));
        assertThat(done.nodes().get(1).diagnosis()).isEqualTo("service api on node b: not rolled out: the image did not "
                + "reach this node (node b: cannot reach the docker node); the release's onNodeFailure is CONTINUE, so the "
                + "service goes on without it");
        assertThat(find(engineA, container.value()).orElseThrow().getImageId()).isEqualTo(v2.value());
        assertThat(find(engineB, container.value()).orElseThrow().getId()).isEqualTo(untouchedOnB);
    }

    @Test
    void aNodeThatFailsStopsTheRolloutBeforeTheNextNode() {
        roll("1.0.0", v1);
        String untouchedOnB = find(engineB, container.value()).orElseThrow().getId();

        RolloutDone done = roll("2.0.0", crashing);

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(done.nodes()).extracting(NodeRollout::node, NodeRollout::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(A, RolloutOutcome.ROLLED_BACK),
                        org.assertj.core.groups.Tuple.tuple(B, RolloutOutcome.SKIPPED));
        assertThat(done.nodes().get(1).diagnosis()).isEqualTo("service api on node b: not rolled out because node a failed first");
        assertThat(done.diagnosis()).contains("service api on node a", "exited with code 3", "\"fatal: boom\"");
        InspectContainerResponse onB = find(engineB, container.value()).orElseThrow();
        assertThat(onB.getId()).isEqualTo(untouchedOnB);
        assertThat(onB.getState().getRunning()).isTrue();
    }

    @Test
    void nodesAlreadySwitchedAreRolledBackWhenALaterNodeFails() {
        roll("1.0.0", v1);

        RolloutDone done = roll("2.0.0", v2); // v2 is on engine a only: node b cannot run it

        assertThat(done.nodes()).extracting(NodeRollout::node, NodeRollout::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(A, RolloutOutcome.ROLLED_BACK),
                        org.assertj.core.groups.Tuple.tuple(B, RolloutOutcome.ROLLED_BACK));
        assertThat(done.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(done.nodes().get(0).diagnosis())
                .isEqualTo("service api on node a: rolled back to the previous container " + container + " because node b failed");
        assertThat(done.nodes().get(1).diagnosis()).contains("service api on node b: image slipway-test-rollout/api:2.0.0",
                "is not on the node", "nothing was changed on node b");
        assertThat(find(engineA, container.value()).orElseThrow().getImageId()).isEqualTo(v1.value());
        assertThat(find(engineA, container.value()).orElseThrow().getState().getRunning()).isTrue();
        assertThat(find(engineA, container.value() + ".failed")).as("a working container is not kept as failed").isEmpty();
        assertThat(find(engineB, container.value()).orElseThrow().getImageId()).isEqualTo(v1.value());
    }
}
