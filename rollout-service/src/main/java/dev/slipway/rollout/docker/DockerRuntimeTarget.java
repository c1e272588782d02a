package dev.slipway.rollout.docker;

import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.rollout.config.RolloutConfig;
import dev.slipway.rollout.decision.AppliedRelease;
import dev.slipway.rollout.decision.ContainerSpec;
import dev.slipway.rollout.decision.ContainerSpecs;
import dev.slipway.rollout.decision.Diagnoses;
import dev.slipway.rollout.decision.StartupJudge;
import dev.slipway.rollout.target.RolloutRequest;
import dev.slipway.rollout.target.RuntimeTarget;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code docker} runtime target: a service is a container on each node's Docker engine.
 * Nodes are switched one after the other, in name order, each keeping its previous container
 * (stopped, as {@code <name>.previous}) until the whole service is decided:
 * <ul>
 *   <li>every node up: the previous containers are removed, ROLLED_OUT;</li>
 *   <li>a node failed and the policy rolls back: every switched node gets its previous container
 *       back, ROLLED_BACK (FAILED where that fails too);</li>
 *   <li>a node failed without rollback: its failed container is left for inspection beside the
 *       stopped previous one, FAILED; nodes already switched keep the new image.</li>
 * </ul>
 * Nodes after the failed one are not touched. A node the distributor reported FAILED (the release goes on
 * without such nodes: {@code onNodeFailure: CONTINUE}) is SKIPPED, saying why. Only Docker nodes count (see {@link DockerNodes}); with none
 * the target fails saying which nodes are configured and what to set.
 */
@ApplicationScoped
public class DockerRuntimeTarget implements RuntimeTarget {
    public static final String NAME = "docker";

    private final DockerNodes nodes;
    private final RolloutConfig config;
    private final StartupWatch watch;

    @Inject
    public DockerRuntimeTarget(DockerNodes nodes, RolloutConfig config, Clock clock) {
        this.nodes = nodes;
        this.config = config;
        this.watch = new StartupWatch(clock, config.pollInterval());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(ServicePlan service) {
        return service.docker() != null;
    }

    /** The container name, the same on every node. */
    @Override
    public String workloadOf(ServicePlan service) {
        return "container " + service.docker().container();
    }

    /** The newest release among the service's containers on the nodes (their labels). */
    @Override
    public Optional<AppliedRelease> newestApplied(RolloutRequest request) {
        ContainerName container = request.service().docker().container();
        return nodes.all().stream()
                .map(node -> appliedOn(node, container))
                .flatMap(Optional::stream)
                .max(java.util.Comparator.comparing(AppliedRelease::requestedAt));
    }

    /** Empty also when the node's engine does not answer: the rollout itself then says what is wrong with it. */
    private Optional<AppliedRelease> appliedOn(DockerNode node, ContainerName container) {
        try {
            return new DockerNodeContainers(nodes.client(node))
                    .appliedRelease(container, "container " + container + " on node " + node.name());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<NodeRollout> rollOut(RolloutRequest request) {
        if (nodes.all().isEmpty()) {
            throw new IllegalStateException(nodes.whyNoDockerNode());
        }
        ContainerSpec spec = ContainerSpecs.of(request.release(), request.service(), request.service().docker(), request.image());
        StartupJudge judge = new StartupJudge(config.settle(), Duration.ofSeconds(request.policy().timeoutSeconds()));
        Map<NodeName, NodeSwitch> switches = new LinkedHashMap<>();
        List<NodeAttempt> attempts = new ArrayList<>();
        NodeAttempt failed = null;
        List<NodeRollout> passedOver = new ArrayList<>();
        for (DockerNode node : nodes.all()) {
            Optional<NodeResult> notDistributed = request.distributedTo(node.name())
                    .filter(result -> result.outcome() == NodeOutcome.FAILED);
            if (notDistributed.isPresent()) {
                passedOver.add(new NodeRollout(node.name(), RolloutOutcome.SKIPPED, spec.name().value(),
                        Diagnoses.lacksImage(request.service().name(), node.name(), notDistributed.get().error())));
                continue;
            }
            NodeSwitch nodeSwitch = new NodeSwitch(node.name(), new DockerNodeContainers(nodes.client(node)), watch, request,
                    spec, judge, config.stopTimeout(), config.logLines());
            switches.put(node.name(), nodeSwitch);
            NodeAttempt attempt = attempt(request, node, nodeSwitch);
            attempts.add(attempt);
            if (!attempt.up()) {
                failed = attempt;
                break;
            }
        }
        List<NodeRollout> results = new ArrayList<>();
        for (NodeAttempt attempt : attempts) {
            NodeSwitch nodeSwitch = switches.get(attempt.node());
            results.add(settle(request, attempt, failed, nodeSwitch, engineOf(attempt.node()))
                    .withPreviousImage(nodeSwitch.previousImage()));
        }
        results.addAll(passedOver);
        for (DockerNode node : nodes.all()) {
            if (!switches.containsKey(node.name()) && passedOver.stream().noneMatch(skip -> skip.node().equals(node.name()))) {
                results.add(new NodeRollout(node.name(), RolloutOutcome.SKIPPED, spec.name().value(),
                        Diagnoses.notAttempted(request.service().name(), node.name(), failed.node())));
            }
        }
        return results;
    }

    private NodeAttempt attempt(RolloutRequest request, DockerNode node, NodeSwitch nodeSwitch) {
        try {
            return nodeSwitch.replace();
        } catch (RuntimeException e) {
            Log.warnf(e, "release %s service %s node %s: rollout failed", request.release().releaseId(),
                    request.service().name(), node.name());
            return NodeAttempt.failed(node.name(), true,
                    Diagnoses.engineFailed(request.service().name(), node.name(), node.engine(), e.getMessage()));
        }
    }

    /** The node's final outcome once the whole service is decided: keep, put back, or leave for inspection. */
    private NodeRollout settle(RolloutRequest request, NodeAttempt attempt, NodeAttempt failed, NodeSwitch nodeSwitch,
            String engine) {
        boolean rollBack = failed != null && request.policy().rollbackOnFailure();
        try {
            if (failed == null) {
                return nodeSwitch.keep();
            }
            if (rollBack) {
                return nodeSwitch.rollBack(attempt, failed.node());
            }
            return attempt.up() ? nodeSwitch.keep() : nodeSwitch.leaveFailed(attempt.failure());
        } catch (RuntimeException e) {
            Log.warnf(e, "release %s service %s node %s: finishing the rollout failed", request.release().releaseId(),
                    request.service().name(), attempt.node());
            String problem = Diagnoses.engineFailed(request.service().name(), attempt.node(), engine, e.getMessage());
            if (attempt.up() && failed == null) {
                // the new container runs; only removing the kept previous one failed
                return new NodeRollout(attempt.node(), RolloutOutcome.ROLLED_OUT, request.service().docker().container().value(), null);
            }
            return new NodeRollout(attempt.node(), RolloutOutcome.FAILED, request.service().docker().container().value(),
                    attempt.failure() == null ? problem : attempt.failure() + "; then " + problem);
        }
    }

    private String engineOf(NodeName node) {
        return nodes.all().stream().filter(n -> n.name().equals(node)).map(DockerNode::engine).findFirst().orElse("?");
    }
}
