package dev.slipway.verifier.decision;

import static dev.slipway.verifier.Releases.http;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.CheckResult;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.plan.CheckSpec;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckExpectationsTest {
    private static final ImageId RELEASE_IMAGE = ImageId.of("sha256:" + "1".repeat(64));
    private static final ImageId OLD_IMAGE = ImageId.of("sha256:" + "0".repeat(64));
    private final CheckSpec api = http("api answers", URI.create("http://127.0.0.1:18081/api"), List.of(401),
            "Unauthorized", 5);

    @Test
    void httpPassesOnAnExpectedStatusWithTheBodyFragment() {
        CheckResult row = HttpExpectation.result(api, HttpObservation.answered(401, "{\"error\":\"Unauthorized\"}\n"));

        assertThat(row.passed()).isTrue();
        assertThat(row.expected()).isEqualTo(
                "GET http://127.0.0.1:18081/api answers status 401 with body containing \"Unauthorized\" within 5s");
        assertThat(row.observed()).isEqualTo("status 401, body {\"error\":\"Unauthorized\"}");
    }

    @Test
    void httpFailsOnAnotherStatusOrAMissingFragmentOrNoAnswer() {
        assertThat(HttpExpectation.result(api, HttpObservation.answered(200, "Unauthorized")).passed()).isFalse();
        assertThat(HttpExpectation.result(api, HttpObservation.answered(401, "{\"error\":\"Forbidden\"}")).passed()).isFalse();
        CheckResult refused = HttpExpectation.result(api, HttpObservation.failed("connection refused to 127.0.0.1:18081"));
        assertThat(refused.passed()).isFalse();
        assertThat(refused.observed()).isEqualTo("connection refused to 127.0.0.1:18081");
    }

    @Test
    void httpNeverShowsCredentialsOfTheUrl() {
        CheckSpec withUser = http("api", URI.create("http://admin:s3cret@127.0.0.1:18081/api"), List.of(401), null, 5);
        assertThat(HttpExpectation.expected(withUser.http())).isEqualTo("GET http://***@127.0.0.1:18081/api answers status 401 within 5s");
    }

    @Test
    void httpShowsAShortExcerptOfALongBody() {
        String observed = HttpExpectation.observed(HttpObservation.answered(521, "x".repeat(500)));
        assertThat(observed).startsWith("status 521, body xxx").endsWith("...")
                .hasSize("status 521, body ".length() + HttpExpectation.EXCERPT_CHARS + 3);
        assertThat(HttpExpectation.observed(HttpObservation.answered(204, ""))).isEqualTo("status 204, empty body");
    }

    @Test
    void aNodeARolledOutServicePassedOverIsNotJudgedButAFailedRolloutIsJudgedEverywhere() {
        var running = new ContainerObservation(NodeName.of("node-1"), "running", RELEASE_IMAGE, null, null);
        var old = new ContainerObservation(NodeName.of("node-2"), "running", OLD_IMAGE, null, null);
        List<NodeRollout> nodes = List.of(new NodeRollout(NodeName.of("node-1"), RolloutOutcome.ROLLED_OUT, "shop-api", null),
                new NodeRollout(NodeName.of("node-2"), RolloutOutcome.SKIPPED, "shop-api", "the image did not reach this node"));

        assertThat(ContainerExpectation.judged(done(RolloutOutcome.ROLLED_OUT, nodes), List.of(running, old)))
                .containsExactly(running);
        assertThat(ContainerExpectation.judged(done(RolloutOutcome.FAILED, nodes), List.of(running, old)))
                .containsExactly(running, old);
    }

    private static RolloutDone done(RolloutOutcome outcome, List<NodeRollout> nodes) {
        return new RolloutDone(null, null, outcome, null, nodes, outcome == RolloutOutcome.ROLLED_OUT ? null : "went wrong", 10);
    }

    @Test
    void containerPassesOnlyWhenRunningAtTheReleaseImageOnEveryNode() {
        ContainerName container = ContainerName.of("shop-api");
        var running = new ContainerObservation(NodeName.of("node-1"), "running", RELEASE_IMAGE, null, null);
        var old = new ContainerObservation(NodeName.of("node-2"), "running", OLD_IMAGE, null, null);
        var exited = new ContainerObservation(NodeName.of("node-2"), "exited", RELEASE_IMAGE, null, "exit code 1");
        var unhealthy = new ContainerObservation(NodeName.of("node-2"), "running", RELEASE_IMAGE, "unhealthy", null);

        assertThat(ContainerExpectation.result("api runs", container, RELEASE_IMAGE, List.of(running)).passed()).isTrue();
        CheckResult mixed = ContainerExpectation.result("api runs", container, RELEASE_IMAGE, List.of(running, old));
        assertThat(mixed.passed()).isFalse();
        assertThat(mixed.expected()).isEqualTo("container shop-api running at image sha256:111111111111 on 2 nodes");
        assertThat(mixed.observed()).isEqualTo("node-1: running sha256:111111111111; node-2: running sha256:000000000000");
        assertThat(ContainerExpectation.result("api runs", container, RELEASE_IMAGE, List.of(running, exited)).observed())
                .endsWith("node-2: exited sha256:111111111111, exit code 1");
        assertThat(ContainerExpectation.passes(RELEASE_IMAGE, List.of(unhealthy))).isFalse();
        assertThat(ContainerExpectation.result("api runs", container, RELEASE_IMAGE,
                List.of(ContainerObservation.absent(NodeName.of("node-1")),
                        ContainerObservation.unreachable(NodeName.of("node-2"), "engine error: connection refused")))
                .observed()).isEqualTo("node-1: absent; node-2: unreachable, engine error: connection refused");
    }

    @Test
    void containerFailsWithoutNodesOrWithoutAReleaseImage() {
        ContainerName container = ContainerName.of("shop-api");
        CheckResult noNodes = ContainerExpectation.result("api runs", container, RELEASE_IMAGE, List.of());
        assertThat(noNodes.passed()).isFalse();
        assertThat(noNodes.observed()).contains("set slipway.nodes.<node>.engine");

        var running = new ContainerObservation(NodeName.of("node-1"), "running", RELEASE_IMAGE, null, null);
        CheckResult noImage = ContainerExpectation.result("api runs", container, null, List.of(running));
        assertThat(noImage.passed()).isFalse();
        assertThat(noImage.expected()).contains("none: the rollout has no image for this service");
    }
}
