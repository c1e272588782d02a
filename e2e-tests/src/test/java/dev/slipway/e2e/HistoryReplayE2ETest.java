package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Event;
import dev.slipway.cli.local.LocalPipeline;
import dev.slipway.cli.local.PipelineService;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.Topics;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log that is kept for audits must not re-deploy history: 20 releases of the bundled example, then the
 * four stages started again under new consumer groups (a fresh install, a renamed group, offsets expired),
 * which read all of it from the beginning. Nothing is built, imported, created or started again, every old
 * release is SKIPPED as superseded, the live containers stay the newest release's, and no second verdict
 * is published.
 */
class HistoryReplayE2ETest {
    private static final int RELEASES = Integer.getInteger("slipway.replay.releases", 20);
    private static final List<String> CONTAINERS = List.of("shop-web", "shop-api");
    private static final Map<PipelineService, String> INPUTS = Map.of(PipelineService.BUILDER, "build-requested",
            PipelineService.DISTRIBUTOR, "image-built", PipelineService.ROLLOUT, "image-distributed",
            PipelineService.VERIFIER, "rollout-done");
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
    void newConsumerGroupsReadingTwentyPastReleasesDeployNothing() throws Exception {
        List<ReleaseId> releases = new ArrayList<>();
        for (int i = 0; i < RELEASES; i++) {
            ReleaseId id = harness.release("slipway.yaml", "3.0." + i);
            assertThat(harness.awaitVerified(id).verdict()).isEqualTo(Verdict.PASSED);
            releases.add(id);
        }
        ReleaseId newest = releases.get(RELEASES - 1);
        Map<String, String> live = inspectContainers();

        harness.pipeline.stopServices();
        LocalPipeline.Settings fresh = harness.pipeline.settings();
        for (var input : INPUTS.entrySet()) {
            fresh = fresh.withProperties(input.getKey(),
                    Map.of("mp.messaging.incoming." + input.getValue() + ".group.id", "replay-" + input.getKey().module()));
        }
        long since = Instant.now().getEpochSecond();
        harness.pipeline.startServices(fresh, line -> System.out.println("[pipeline] " + line));

        // Each new group reads its input topic from the beginning, which by then also holds what the stage
        // before it wrote again: per release the builder writes its 2 ImageBuilt again, the distributor
        // answers all 4, the rollout all 6 ImageDistributed (2 + 4 + 6 more events).
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> releases.stream()
                    .allMatch(id -> harness.<RolloutDone>events(EventType.ROLLOUT_DONE, id).size() == 8));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            harness.pipeline.services().forEach(p -> System.out.println("== " + p.log() + "\n" + p.tail(60)));
            throw new AssertionError("the replay did not come through every stage: RolloutDone per release " + releases.stream()
                    .map(id -> id + "=" + harness.events(EventType.ROLLOUT_DONE, id).size()).toList(), e);
        }
        awaitCaughtUp("replay-verifier-service", EventType.ROLLOUT_DONE);

        for (ReleaseId id : releases) {
            List<ImageDistributed> distributed = harness.events(EventType.IMAGE_DISTRIBUTED, id);
            assertThat(harness.events(EventType.IMAGE_BUILT, id)).as(id.value()).hasSize(4);
            assertThat(distributed).as(id.value()).hasSize(6);
            assertThat(distributed.subList(2, 6)).flatExtracting(ImageDistributed::nodes).as(id.value())
                    .allSatisfy(node -> assertThat(node.outcome()).isEqualTo(NodeOutcome.ALREADY_PRESENT));
            List<RolloutDone> replayed = harness.<RolloutDone>events(EventType.ROLLOUT_DONE, id).subList(2, 8);
            if (id.equals(newest)) {
                assertThat(replayed).extracting(RolloutDone::outcome).containsOnly(RolloutOutcome.ROLLED_OUT);
            } else {
                assertThat(replayed).extracting(RolloutDone::outcome).as(id.value()).containsOnly(RolloutOutcome.SKIPPED);
                // by the newest one running, or by a newer one of the replay queued behind it for the same container
                assertThat(replayed).allSatisfy(done -> assertThat(done.diagnosis())
                        .startsWith("not rolled out: superseded by release shop-3.0."));
            }
            assertThat(harness.<Verified>events(EventType.VERIFIED, id)).as(id.value()).hasSize(1);
        }
        assertThat(inspectContainers()).isEqualTo(live);
        List<String> changes = engineChangesSince(since);
        assertThat(changes).as("builds, loads, tags, container creates and starts on the engine").isEmpty();
    }

    /** Waits until {@code group} has committed everything on its input topic. */
    private static void awaitCaughtUp(String group, EventType input) {
        TopicPartition partition = new TopicPartition(Topics.defaultName(input), 0);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (Admin admin = harness.clients.admin()) {
                long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                        .get(partition);
                return committed != null && committed.offset() == end;
            }
        });
    }

    /** Each container's id and when it started. */
    private static Map<String, String> inspectContainers() {
        Map<String, String> found = new java.util.TreeMap<>();
        CONTAINERS.forEach(name -> {
            InspectContainerResponse inspected = docker.inspectContainerCmd(name).exec();
            found.put(name, inspected.getId() + " started " + inspected.getState().getStartedAt());
        });
        return found;
    }

    /** What the engine reports having changed: image builds, loads, imports and tags; container creates and starts. */
    private static List<String> engineChangesSince(long since) throws InterruptedException {
        List<String> changes = new ArrayList<>();
        var callback = new com.github.dockerjava.api.async.ResultCallback.Adapter<Event>() {
            @Override
            public void onNext(Event event) {
                String action = event.getAction();
                if (List.of("create", "start", "load", "import", "tag", "build", "pull").contains(action)) {
                    changes.add(event.getType() + " " + action + " " + event.getId());
                }
            }
        };
        docker.eventsCmd().withSince(Long.toString(since)).withUntil(Long.toString(Instant.now().getEpochSecond() + 1))
                .exec(callback).awaitCompletion(30, TimeUnit.SECONDS);
        return changes;
    }
}
