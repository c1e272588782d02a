package dev.slipway.rollout.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.Labels;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.rollout.RolloutStage;
import dev.slipway.rollout.target.RuntimeTargets;
import dev.slipway.rollout.testing.Events;
import dev.slipway.rollout.testing.Http;
import dev.slipway.rollout.testing.TestImages;
import dev.slipway.rollout.testing.TestRolloutConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The docker runtime target against the real test engine: containers that serve, crash, and come back. */
class DockerRolloutTest {
    private static final NodeName NODE = NodeName.of("local");
    private static String engine;
    private static DockerClient docker;
    private static TestImages images;
    private static ImageId v1;
    private static ImageId v2;
    private static ImageId crashing;
    private static ImageId healthy;
    private static ImageId unhealthy;

    private ContainerName container;
    private int port;
    private ServicePlan api;
    private DockerNodes nodes;
    private RolloutStage stage;

    @BeforeAll
    static void buildImages() {
        engine = DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV);
        docker = DockerEngines.connect(engine);
        images = new TestImages(docker);
        v1 = images.httpd("good-v1", "api v1");
        v2 = images.httpd("good-v2", "api v2");
        crashing = images.crashing("crash");
        healthy = images.httpdWithHealthcheck("healthy", "api healthy", true);
        unhealthy = images.httpdWithHealthcheck("unhealthy", "api unhealthy", false);
    }

    @AfterAll
    static void removeImages() throws IOException {
        images.close();
        docker.close();
    }

    @BeforeEach
    void newService() {
        container = ContainerName.of(TestImages.PREFIX + UUID.randomUUID().toString().substring(0, 8));
        port = Http.freePort();
        api = Events.service("api", container, port);
        nodes = new DockerNodes(List.of(new DockerNode(NODE, engine)));
        stage = new RolloutStage(new RuntimeTargets(List.of(
                new DockerRuntimeTarget(nodes, TestRolloutConfig.fast(), Clock.systemUTC()))), Clock.systemUTC());
    }

    @AfterEach
    void removeContainers() {
        for (String name : List.of(container.value(), container.value() + ".previous", container.value() + ".failed")) {
            find(name).ifPresent(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
        }
        nodes.close();
    }

    private RolloutDone rollRequestedAt(java.time.Instant requestedAt, String version, ImageId image) {
        return stage.roll(Events.distributed(
                Events.release("example-" + version, version, api, new RolloutPolicy(true, 20), requestedAt), api,
                Events.image(api, version, image), NODE.value()));
    }

    private RolloutDone roll(String version, ImageId image, boolean rollback) {
        ImageDistributed distributed = Events.distributed(
                Events.release("example-" + version, version, api, new RolloutPolicy(rollback, 20)), api,
                Events.image(api, version, image), NODE.value());
        RolloutDone done = stage.roll(distributed);
        assertThat(EventCodec.instance().validate(EventType.ROLLOUT_DONE, EventCodec.instance().encode(done))).isNull();
        return done;
    }

    private Optional<InspectContainerResponse> find(String name) {
        try {
            InspectContainerResponse found = docker.inspectContainerCmd(name).exec();
            return ("/" + name).equals(found.getName()) ? Optional.of(found) : Optional.empty();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private InspectContainerResponse current() {
        return find(container.value()).orElseThrow();
    }

    private void answers(String body) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> body.equals(Http.get(port)));
    }

    @Test
    void rollsOutTheImageAndTheContainerAnswersHttp() {
        RolloutDone done = roll("1.0.0", v1, true);

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        assertThat(done.diagnosis()).isNull();
        assertThat(done.nodes()).containsExactly(new NodeRollout(NODE, RolloutOutcome.ROLLED_OUT, container.value(), null));
        answers("api v1");
        InspectContainerResponse running = current();
        assertThat(running.getImageId()).isEqualTo(v1.value());
        assertThat(running.getConfig().getLabels()).containsEntry(Labels.RELEASE_ID, "example-1.0.0")
                .containsEntry(Labels.SERVICE, "api").containsEntry(Labels.VERSION, "1.0.0").containsEntry("team", "rollout");
        assertThat(running.getConfig().getEnv()).contains("MODE=test");
        assertThat(running.getHostConfig().getRestartPolicy().getName()).isEqualTo("unless-stopped");
    }

    @Test
    void replacesTheOldContainerAndRemovesItOnceTheNewOneIsUp() {
        roll("1.0.0", v1, true);
        String oldId = current().getId();

        RolloutDone done = roll("2.0.0", v2, true);

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        answers("api v2");
        assertThat(current().getId()).isNotEqualTo(oldId);
        assertThat(current().getImageId()).isEqualTo(v2.value());
        assertThat(find(oldId)).isEmpty();
        assertThat(find(container.value() + ".previous")).isEmpty();
        assertThat(done.nodes()).extracting(NodeRollout::previousImage).containsExactly(v1.value());
    }

    @Test
    void rollsBackToThePreviousContainerWhenTheNewOneExits() {
        roll("1.0.0", v1, true);
        String previousId = current().getId();

        RolloutDone done = roll("2.0.0", crashing, true);

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(done.diagnosis()).startsWith("service api on node local: container " + container + " exited with code 3 within ")
                .contains("last log lines: \"starting\", \"fatal: boom\"")
                .contains("rolled back: the previous container " + container + " runs again on node local")
                .endsWith("the failed one is kept stopped as " + container + ".failed (docker logs " + container + ".failed)");
        assertThat(done.nodes()).extracting(NodeRollout::outcome).containsExactly(RolloutOutcome.ROLLED_BACK);
        assertThat(done.nodes()).extracting(NodeRollout::previousImage).containsExactly(v1.value());
        assertThat(current().getId()).isEqualTo(previousId);
        assertThat(current().getState().getRunning()).isTrue();
        assertThat(current().getImageId()).isEqualTo(v1.value());
        assertThat(find(container.value() + ".previous")).isEmpty();
        InspectContainerResponse failed = find(container.value() + ".failed").orElseThrow();
        assertThat(failed.getImageId()).isEqualTo(crashing.value());
        assertThat(failed.getState().getExitCodeLong()).isEqualTo(3L);
        answers("api v1");
    }

    @Test
    void aRedeliveredRolledBackEventReportsTheSameOutcomeWithoutTryingAgain() {
        roll("1.0.0", v1, true);
        RolloutDone first = roll("2.0.0", crashing, true);
        InspectContainerResponse before = current();

        RolloutDone again = roll("2.0.0", crashing, true);

        assertThat(again.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(again.diagnosis()).isEqualTo(first.diagnosis());
        assertThat(current().getId()).isEqualTo(before.getId());
        assertThat(current().getState().getStartedAt()).isEqualTo(before.getState().getStartedAt());
        answers("api v1");
    }

    @Test
    void aLaterReleaseRollsOutOverAFailedOneAndClearsWhatWasKept() {
        roll("1.0.0", v1, true);
        roll("2.0.0", crashing, true);

        RolloutDone done = roll("2.0.1", v2, true);

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        answers("api v2");
        assertThat(find(container.value() + ".failed")).isEmpty();
        assertThat(find(container.value() + ".previous")).isEmpty();
    }

    @Test
    void withoutRollbackTheFailedContainerIsLeftForInspection() {
        roll("1.0.0", v1, false);
        String previousId = current().getId();

        RolloutDone done = roll("2.0.0", crashing, false);

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.diagnosis()).contains("service api on node local", "exited with code 3", "\"fatal: boom\"",
                "left on node local for inspection (docker logs " + container + ")",
                "kept stopped as " + container + ".previous");
        InspectContainerResponse failed = current();
        assertThat(failed.getImageId()).isEqualTo(crashing.value());
        assertThat(failed.getState().getExitCodeLong()).isEqualTo(3L);
        InspectContainerResponse previous = find(container.value() + ".previous").orElseThrow();
        assertThat(previous.getId()).isEqualTo(previousId);
        assertThat(previous.getState().getRunning()).isFalse();
    }

    @Test
    void aRedeliveredEventLeavesTheRunningContainerAlone() {
        RolloutDone first = roll("1.0.0", v1, true);
        InspectContainerResponse before = current();

        RolloutDone again = roll("1.0.0", v1, true);

        assertThat(again.outcome()).isEqualTo(first.outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        assertThat(again.nodes()).isEqualTo(first.nodes());
        InspectContainerResponse after = current();
        assertThat(after.getId()).isEqualTo(before.getId());
        assertThat(after.getState().getStartedAt()).isEqualTo(before.getState().getStartedAt());
        answers("api v1");
    }

    @Test
    void anOlderReleaseArrivingAfterANewerOneIsSkippedAndChangesNothing() {
        java.time.Instant now = java.time.Instant.now();
        RolloutDone newer = rollRequestedAt(now, "2.0.0", v2);
        InspectContainerResponse running = current();

        RolloutDone older = rollRequestedAt(now.minusSeconds(60), "1.0.0", v1);

        assertThat(newer.outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        assertThat(older.outcome()).isEqualTo(RolloutOutcome.SKIPPED);
        assertThat(older.diagnosis()).startsWith("not rolled out: superseded by release example-2.0.0 (requested at " + now)
                .contains("which container " + container + " on node local already runs");
        assertThat(current().getId()).isEqualTo(running.getId());
        answers("api v2");
    }

    @Test
    void aRolloutResumedAfterTheServiceDiedBeforeSettingTheRestartPolicySetsIt() {
        roll("1.0.0", v1, true);
        InspectContainerResponse before = current();
        // as left by a rollout killed between starting the container and giving it its restart policy
        docker.updateContainerCmd(before.getId()).withRestartPolicy(RestartPolicy.noRestart()).exec();

        RolloutDone resumed = roll("1.0.0", v1, true);

        assertThat(resumed.outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        InspectContainerResponse after = current();
        assertThat(after.getId()).isEqualTo(before.getId());
        assertThat(after.getHostConfig().getRestartPolicy().getName()).isEqualTo("unless-stopped");
    }

    @Test
    void waitsUntilAContainerWithAHealthcheckIsHealthy() {
        RolloutDone done = roll("1.0.0", healthy, true);

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        assertThat(current().getState().getHealth().getStatus()).isEqualTo("healthy");
        answers("api healthy");
    }

    @Test
    void rollsBackWhenTheNewContainerTurnsUnhealthy() {
        roll("1.0.0", v1, true);

        RolloutDone done = roll("2.0.0", unhealthy, true);

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(done.diagnosis()).startsWith("service api on node local: container " + container
                + " is unhealthy (health check said \"database unreachable\")");
        assertThat(current().getImageId()).isEqualTo(v1.value());
        answers("api v1");
    }

    @Test
    void aNodeWithoutTheImageFailsNamingTheDistribution() {
        RolloutDone done = roll("9.9.9", Events.fakeId('f'), true);

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.diagnosis()).contains("service api on node local: image slipway-test-rollout/api:9.9.9",
                "is not on the node; image-distributed reported ALREADY_PRESENT for this node");
        assertThat(find(container.value())).isEmpty();
    }
}
