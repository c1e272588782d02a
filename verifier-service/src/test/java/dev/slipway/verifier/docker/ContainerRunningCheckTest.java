package dev.slipway.verifier.docker;

import static dev.slipway.verifier.Releases.container;
import static dev.slipway.verifier.Releases.context;
import static dev.slipway.verifier.Releases.rolledOut;
import static dev.slipway.verifier.Releases.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.CheckResult;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.verifier.decision.ReleaseProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The container check against real dockerd engines: node-1 and node-2 are the two test engines. */
class ContainerRunningCheckTest {
    private static final String PREFIX = "slipway-test-verifier-";
    private static final String OTHER_IMAGE = "sha256:" + "0".repeat(64);
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String TAG = PREFIX + "busybox:" + SUFFIX;

    private static DockerClient engine;
    private static String imageId;
    private static NodeEngines nodes;
    private final List<String> containers = new ArrayList<>();

    @BeforeAll
    static void buildImage() {
        engine = DockerEngines.connect(DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV));
        imageId = TestImages.buildBusybox(engine, TAG);
        nodes = new NodeEngines(Map.of(
                NodeName.of("node-1"), DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV),
                NodeName.of("node-2"), DockerEngines.testEngine(DockerEngines.SECOND_TEST_ENGINE_ENV)));
    }

    @AfterAll
    static void removeImage() throws Exception {
        engine.removeImageCmd(TAG).withForce(true).exec();
        engine.close();
        nodes.close();
    }

    @AfterEach
    void removeContainers() {
        containers.forEach(id -> engine.removeContainerCmd(id).withForce(true).exec());
    }

    @Test
    void passesWhenTheContainerRunsAtTheReleaseImage() {
        String name = run("api", "sleep", "600");
        NodeEngines oneNode = new NodeEngines(Map.of(NodeName.of("node-1"),
                DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV)));

        CheckResult row = check(oneNode, name, imageId);

        assertThat(row.passed()).isTrue();
        assertThat(row.kind()).isEqualTo("container");
        assertThat(row.expected()).isEqualTo("container " + name + " running at image " + imageId.substring(0, 19)
                + " on 1 node");
        assertThat(row.observed()).isEqualTo("node-1: running " + imageId.substring(0, 19));
        oneNode.close();
    }

    @Test
    void failsNamingEachNodeItsStateAndImageWhenAnotherImageRuns() {
        String name = run("api", "sleep", "600");

        CheckResult row = check(nodes, name, OTHER_IMAGE);

        assertThat(row.passed()).isFalse();
        assertThat(row.expected()).contains("running at image sha256:000000000000 on 2 nodes");
        assertThat(row.observed()).isEqualTo("node-1: running " + imageId.substring(0, 19) + "; node-2: absent");
    }

    @Test
    void failsWithTheExitCodeWhenTheContainerExited() {
        String name = run("worker", "sh", "-c", "exit 3");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "exited".equals(engine.inspectContainerCmd(name).exec().getState().getStatus()));

        CheckResult row = check(nodes, name, imageId);

        assertThat(row.passed()).isFalse();
        assertThat(row.observed()).startsWith("node-1: exited " + imageId.substring(0, 19) + ", exit code 3; ")
                .endsWith("node-2: absent");
    }

    @Test
    void reportsAnUnreachableEngineAsAnObservation() {
        NodeEngines gone = new NodeEngines(Map.of(NodeName.of("node-9"),
                "unix:///tmp/" + PREFIX + SUFFIX + "/no-such.sock"));

        CheckResult row = check(gone, PREFIX + "api-" + SUFFIX, imageId);

        assertThat(row.passed()).isFalse();
        assertThat(row.observed()).startsWith("node-9: unreachable, engine error: ");
        gone.close();
    }

    private CheckResult check(NodeEngines engines, String containerName, String releaseImage) {
        CheckSpec spec = container("api runs", "api");
        ReleaseContext release = context(ReleaseId.of("shop-1"), List.of("api"), spec);
        var done = rolledOut(release, service("api", containerName), releaseImage);
        var rolledOut = ReleaseProgress.none(release.releaseId()).with(done).rolledOut();
        return new ContainerRunningCheck(new DockerContainerInspector(engines)).run(spec, rolledOut);
    }

    private String run(String service, String... command) {
        String name = PREFIX + service + "-" + SUFFIX;
        List<String> cmd = new ArrayList<>(List.of("/bin/busybox"));
        cmd.addAll(List.of(command));
        String id = engine.createContainerCmd(TAG).withName(name).withCmd(cmd).exec().getId();
        containers.add(id);
        engine.startContainerCmd(id).exec();
        return name;
    }
}
