package dev.slipway.rollout.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.kubernetes.observed.ObservedWorkload;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON Patches (RFC 6902) the target sends: set one container's image and pull policy, or put
 * a whole pod template back; both annotate the workload with the release and a change cause. A
 * {@code test} op pins the container's index to its name, so a patch never lands on another container.
 */
public final class WorkloadPatches {
    public static final String RELEASE_ANNOTATION = "dev.slipway/release-id";
    public static final String CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause";
    /** The newest release ever applied (a rollback does not move it back): releases only move forward. */
    public static final String NEWEST_RELEASE_ANNOTATION = "dev.slipway/newest-release";
    public static final String NEWEST_REQUESTED_AT_ANNOTATION = "dev.slipway/newest-requested-at";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkloadPatches() {}

    public static String changeCause(ReleaseId release, String image) {
        return "slipway release " + release + ": " + image;
    }

    public static String changeCause(ReleaseId release, ImageRef image) {
        return changeCause(release, image.value());
    }

    /** Sets container {@code index} (named {@code container}) to {@code image} with {@code pullPolicy}. */
    public static String setImage(ObservedWorkload workload, int index, String container, String image, String pullPolicy,
            Map<String, String> annotations) {
        ArrayNode ops = JSON.createArrayNode();
        String path = "/spec/template/spec/containers/" + index;
        ops.add(op("test", path + "/name").put("value", container));
        ops.add(op("replace", path + "/image").put("value", image));
        ops.add(op("add", path + "/imagePullPolicy").put("value", pullPolicy));
        annotate(ops, workload, annotations);
        return write(ops);
    }

    /** Replaces the workload's pod template with {@code template} (a pod template's JSON, as the API server sent it). */
    public static String replaceTemplate(ObservedWorkload workload, ObjectNode template, Map<String, String> annotations) {
        ArrayNode ops = JSON.createArrayNode();
        ops.add(op("replace", "/spec/template").set("value", template));
        annotate(ops, workload, annotations);
        return write(ops);
    }

    private static void annotate(ArrayNode ops, ObservedWorkload workload, Map<String, String> annotations) {
        // an object without annotations has no annotations member to add to (fabric8 reads it as an empty map)
        if (workload.metadata().getAnnotations() == null || workload.metadata().getAnnotations().isEmpty()) {
            ops.add(op("add", "/metadata/annotations").set("value", JSON.valueToTree(new LinkedHashMap<>(annotations))));
            return;
        }
        annotations.forEach((key, value) -> ops.add(op("add", "/metadata/annotations/" + pointer(key)).put("value", value)));
    }

    /** A JSON Pointer token: '~' → '~0', '/' → '~1'. */
    static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static ObjectNode op(String op, String path) {
        ObjectNode node = JSON.createObjectNode();
        node.put("op", op);
        node.put("path", path);
        return node;
    }

    private static String write(ArrayNode ops) {
        try {
            return JSON.writeValueAsString(ops);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a JSON Patch", e);
        }
    }
}
