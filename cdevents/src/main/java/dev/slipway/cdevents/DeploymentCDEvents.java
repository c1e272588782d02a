package dev.slipway.cdevents;

import dev.cdevents.events.ServiceDeployedCDEvent;
import dev.cdevents.events.ServiceRolledbackCDEvent;
import dev.cdevents.events.ServiceUpgradedCDEvent;
import dev.cdevents.models.CDEvent;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.plan.KubernetesRuntime;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * rollout-done → one service event (subject {@code <release name>/<service>}, artifact the image's package URL):
 * <ul>
 * <li>ROLLED_OUT of a Kubernetes workload → {@code service.upgraded}: the rollout only patches a Deployment or
 * StatefulSet that exists, so the service had a previous version;</li>
 * <li>ROLLED_OUT of Docker containers → {@code service.upgraded} when a node row names the image that ran before
 * ({@code previousImage}), else {@code service.deployed} (a first deployment, or an event written before rows
 * carried it);</li>
 * <li>ROLLED_BACK → {@code service.rolledback}; its {@code artifactId} is the release's image, the one taken off,
 * with the diagnosis in {@code customData} and each node row's {@code previousImage} (the image put back: an image
 * id on Docker, which a package URL cannot name without its repository);</li>
 * <li>FAILED or SKIPPED → nothing: nothing was deployed (the release's {@code pipelinerun.finished} says why).</li>
 * </ul>
 * The environment is {@code kubernetes/<namespace>} or {@code docker/<node>,<node>} (the nodes the rollout
 * reported).
 */
final class DeploymentCDEvents {
    static final String SERVICE_DEPLOYED = "service.deployed";
    static final String SERVICE_UPGRADED = "service.upgraded";
    static final String SERVICE_ROLLEDBACK = "service.rolledback";

    private DeploymentCDEvents() {}

    static List<CDEvent> of(RolloutDone done, URI source, Instant at) {
        if (done.image() == null) {
            return List.of();
        }
        KubernetesRuntime kubernetes = done.service().kubernetes();
        String subject = done.release().release().value() + "/" + done.service().name().value();
        String artifact = ArtifactIds.of(done.image());
        String environment = kubernetes != null
                ? "kubernetes/" + kubernetes.namespace().value()
                : dockerEnvironment(done);
        Map<String, Object> data = customData(done);
        boolean ranBefore = kubernetes != null || done.nodes().stream().anyMatch(node -> node.previousImage() != null);
        if (done.outcome() == RolloutOutcome.ROLLED_OUT && ranBefore) {
            ServiceUpgradedCDEvent event = new ServiceUpgradedCDEvent();
            event.getContext().setId(CDEventIds.of(done, SERVICE_UPGRADED));
            event.getContext().setTimestamp(Date.from(at));
            event.setSource(source);
            event.setSubjectId(subject);
            event.setSubjectArtifactId(artifact);
            event.setSubjectEnvironmentId(environment);
            event.setCustomData(data);
            return List.of(event);
        }
        if (done.outcome() == RolloutOutcome.ROLLED_OUT) {
            ServiceDeployedCDEvent event = new ServiceDeployedCDEvent();
            event.getContext().setId(CDEventIds.of(done, SERVICE_DEPLOYED));
            event.getContext().setTimestamp(Date.from(at));
            event.setSource(source);
            event.setSubjectId(subject);
            event.setSubjectArtifactId(artifact);
            event.setSubjectEnvironmentId(environment);
            event.setCustomData(data);
            return List.of(event);
        }
        if (done.outcome() == RolloutOutcome.ROLLED_BACK) {
            ServiceRolledbackCDEvent event = new ServiceRolledbackCDEvent();
            event.getContext().setId(CDEventIds.of(done, SERVICE_ROLLEDBACK));
            event.getContext().setTimestamp(Date.from(at));
            event.setSource(source);
            event.setSubjectId(subject);
            event.setSubjectArtifactId(artifact);
            event.setSubjectEnvironmentId(environment);
            event.setCustomData(data);
            return List.of(event);
        }
        return List.of();
    }

    private static String dockerEnvironment(RolloutDone done) {
        String nodes = done.nodes().stream().map(n -> n.node().value()).distinct().collect(Collectors.joining(","));
        return nodes.isEmpty() ? "docker" : "docker/" + nodes;
    }

    private static Map<String, Object> customData(RolloutDone done) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("release", done.release().releaseId().value());
        data.put("service", done.service().name().value());
        data.put("outcome", done.outcome().name());
        data.put("image", done.image().reference());
        data.put("durationMillis", done.durationMillis());
        if (done.diagnosis() != null) {
            data.put("diagnosis", done.diagnosis());
        }
        data.put("nodes", done.nodes().stream().map(DeploymentCDEvents::node).toList());
        return data;
    }

    private static Map<String, Object> node(NodeRollout node) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("node", node.node().value());
        row.put("outcome", node.outcome().name());
        row.put("target", node.target());
        if (node.diagnosis() != null) {
            row.put("diagnosis", node.diagnosis());
        }
        if (node.previousImage() != null) {
            row.put("previousImage", node.previousImage());
        }
        return row;
    }
}
