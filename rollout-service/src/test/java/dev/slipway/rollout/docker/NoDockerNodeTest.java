package dev.slipway.rollout.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.nodes.ConfiguredNodes;
import dev.slipway.rollout.RolloutStage;
import dev.slipway.rollout.target.RuntimeTargets;
import dev.slipway.rollout.testing.Events;
import dev.slipway.rollout.testing.TestRolloutConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A service planned with the docker runtime where the configuration has no Docker node: a clear failure, no engine touched. */
class NoDockerNodeTest {
    private static final ServicePlan API = Events.service("api", ContainerName.of("example-api"), 18080);

    @Test
    void aDockerServiceOnSshContainerdNodesOnlyFailsNamingTheNodesAndWhatToSet() {
        DockerNodes nodes = new DockerNodes(new ConfiguredNodes(Map.of(),
                Map.of(NodeName.of("vps-1"), "ssh-containerd", NodeName.of("vps-2"), "ssh-containerd")));

        RolloutDone done = roll(nodes);

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.nodes()).isEmpty();
        assertThat(done.diagnosis()).isEqualTo("service api: the docker runtime target failed: rollout-service has no "
                + "Docker node: nodes vps-1 (ssh-containerd), vps-2 (ssh-containerd) are reached only through the "
                + "Kubernetes API; set slipway.nodes.<node>.engine=unix:///var/run/docker.sock for each node that runs "
                + "the service's container, or give the service a kubernetes: section in slipway.yaml");
    }

    @Test
    void aDockerServiceWithNoNodeConfiguredFailsSayingWhatToSet() {
        RolloutDone done = roll(new DockerNodes(new ConfiguredNodes(Map.of(), Map.of())));

        assertThat(done.outcome()).isEqualTo(RolloutOutcome.FAILED);
        assertThat(done.diagnosis()).isEqualTo("service api: the docker runtime target failed: rollout-service has no "
                + "node configured: set slipway.nodes.<node>.engine=unix:///var/run/docker.sock for each node that runs "
                + "the service's container (the launcher passes them as system properties)");
    }

    @Test
    void onlyTheDockerNodesAreTheDockerTargetsNodes() {
        DockerNodes nodes = new DockerNodes(new ConfiguredNodes(Map.of(NodeName.of("local"), "unix:///var/run/docker.sock"),
                Map.of(NodeName.of("k3s-1"), "ssh-containerd")));

        assertThat(nodes.all()).containsExactly(new DockerNode(NodeName.of("local"), "unix:///var/run/docker.sock"));
        nodes.close();
    }

    private static RolloutDone roll(DockerNodes nodes) {
        RolloutStage stage = new RolloutStage(new RuntimeTargets(List.of(
                new DockerRuntimeTarget(nodes, TestRolloutConfig.fast(), Clock.systemUTC()))), Clock.systemUTC());
        try {
            return stage.roll(Events.distributed(Events.release("example-1", "1.0.0", API, new RolloutPolicy(true, 20)),
                    API, Events.image(API, "1.0.0", Events.fakeId('a')), "vps-1", "vps-2"));
        } finally {
            nodes.close();
        }
    }
}
