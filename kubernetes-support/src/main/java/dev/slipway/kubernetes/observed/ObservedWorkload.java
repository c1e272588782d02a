package dev.slipway.kubernetes.observed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * A Deployment or a StatefulSet, as the rollout and the verifier read it: its metadata, replicas, selector, pod
 * template (kept whole, as the API server sent it: compared with a ReplicaSet's and written back by a rollback),
 * update strategy, a StatefulSet's ordinals and claim templates, and its rollout status.
 */
public record ObservedWorkload(String apiVersion, String kind, ObjectMeta metadata, Spec spec, Status status) {
    public static final String DEPLOYMENT = "Deployment";
    public static final String STATEFUL_SET = "StatefulSet";

    public record Spec(Integer replicas, LabelSelector selector, ObjectNode template, UpdateStrategy updateStrategy,
            Ordinals ordinals, List<ClaimTemplate> volumeClaimTemplates) {}

    /** A StatefulSet's {@code ordinals} (its pods are numbered from {@code start}, 0 when unset). */
    public record Ordinals(Integer start) {}

    /** One of a StatefulSet's {@code volumeClaimTemplates}: its name. */
    public record ClaimTemplate(ObjectMeta metadata) {}

    /** A StatefulSet's {@code updateStrategy} (a Deployment's {@code strategy} is not read). */
    public record UpdateStrategy(String type, RollingUpdate rollingUpdate) {}

    public record RollingUpdate(Integer partition) {}

    public record Status(Long observedGeneration, Integer replicas, Integer updatedReplicas, Integer readyReplicas,
            Integer availableReplicas, String currentRevision, String updateRevision, List<Condition> conditions) {}

    /** One container of a pod template: its name, image and pull policy. */
    public record TemplateContainer(String name, String image, String imagePullPolicy) {}

    public boolean isDeployment() {
        return DEPLOYMENT.equals(kind);
    }

    public boolean isStatefulSet() {
        return STATEFUL_SET.equals(kind);
    }

    public long generation() {
        return metadata == null || metadata.getGeneration() == null ? 0 : metadata.getGeneration();
    }

    /** The pod template's containers, in order. */
    public List<TemplateContainer> containers() {
        return containersOf(spec == null ? null : spec.template());
    }

    /** The containers of a pod template (a workload's or a ReplicaSet's), in order; none for a template without any. */
    public static List<TemplateContainer> containersOf(JsonNode template) {
        List<TemplateContainer> containers = new ArrayList<>();
        if (template == null) {
            return containers;
        }
        for (JsonNode container : template.path("spec").path("containers")) {
            containers.add(new TemplateContainer(text(container, "name"), text(container, "image"),
                    text(container, "imagePullPolicy")));
        }
        return containers;
    }

    /** The claims the pod template's persistentVolumeClaim volumes name, in order. */
    public static List<String> claimsOf(JsonNode template) {
        List<String> claims = new ArrayList<>();
        if (template != null) {
            for (JsonNode volume : template.path("spec").path("volumes")) {
                String claim = text(volume.path("persistentVolumeClaim"), "claimName");
                if (claim != null) {
                    claims.add(claim);
                }
            }
        }
        return claims;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
