package dev.slipway.cdevents;

import dev.cdevents.events.ArtifactPublishedCDEvent;
import dev.cdevents.models.CDEvent;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeResult;
import dev.slipway.events.RegistryResult;
import dev.slipway.events.StageOutcome;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * image-distributed → one {@code artifact.published} per image, when the distribution SUCCEEDED: the image can now be
 * run where the release needs it (on its nodes, or pulled from the registry). One per image, not per node, because
 * the artifact is the subject and it is one artifact; the per-node results (outcome, bytes, duration) and the
 * registry's result go in {@code customData}. A FAILED distribution published nothing, so it gives no event (its
 * failure reaches CDEvents consumers as the release's {@code pipelinerun.finished}).
 */
final class DistributionCDEvents {
    static final String ARTIFACT_PUBLISHED = "artifact.published";

    private DistributionCDEvents() {}

    static List<CDEvent> of(ImageDistributed distributed, URI source, Instant at) {
        if (distributed.outcome() != StageOutcome.SUCCEEDED || distributed.image() == null) {
            return List.of();
        }
        ArtifactPublishedCDEvent published = new ArtifactPublishedCDEvent();
        published.getContext().setId(CDEventIds.of(distributed, ARTIFACT_PUBLISHED));
        published.getContext().setTimestamp(Date.from(at));
        published.setSource(source);
        published.setSubjectId(ArtifactIds.of(distributed.image()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("release", distributed.release().releaseId().value());
        data.put("service", distributed.service().name().value());
        data.put("image", distributed.image().ref().value());
        data.put("nodes", distributed.nodes().stream().map(DistributionCDEvents::node).toList());
        if (distributed.registry() != null) {
            data.put("registry", registry(distributed.registry()));
        }
        published.setCustomData(data);
        return List.of(published);
    }

    private static Map<String, Object> node(NodeResult node) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("node", node.node().value());
        row.put("outcome", node.outcome().name());
        row.put("bytes", node.bytes());
        row.put("durationMillis", node.durationMillis());
        if (node.error() != null) {
            row.put("error", node.error());
        }
        return row;
    }

    private static Map<String, Object> registry(RegistryResult registry) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("registry", registry.registry());
        row.put("ref", registry.ref() == null ? null : registry.ref().value());
        row.put("manifestDigest", registry.manifestDigest());
        row.put("outcome", registry.outcome().name());
        row.put("bytes", registry.bytes());
        row.put("durationMillis", registry.durationMillis());
        return row;
    }
}
