package dev.slipway.rollout.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.kubernetes.observed.ObservedWorkload;
import java.util.Map;
import java.util.Optional;

/**
 * What a release did to one container of a Kubernetes workload when it failed there and was rolled
 * back: kept on the workload itself, in the annotation {@code failed.dev.slipway/<container>}, written by
 * the same patch that puts the previous revision back. A redelivered ImageDistributed of that release
 * (the service died after the rollback, before its input was acknowledged; a rebalance) finds it and
 * reports the same outcome again instead of patching the broken image in a second time.
 * <pre>
 * failed.dev.slipway/api: {"release":"store-2.0.0-0a1b2c3d","image":"localhost/store/api:2.0.0","node":"vps-2",
 *                          "diagnosis":"service api: pod api-6c9f… CrashLoopBackOff …; rolled back: …"}
 * </pre>
 */
public record FailedRelease(ReleaseId release, String image, String node, String diagnosis) {
    public static final String ANNOTATION_PREFIX = "failed.dev.slipway/";
    /** Keeps the annotation far below the API server's 256 KiB for all of an object's annotations. */
    static final int MAX_DIAGNOSIS = 8_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public FailedRelease {
        if (diagnosis != null && diagnosis.length() > MAX_DIAGNOSIS) {
            diagnosis = diagnosis.substring(0, MAX_DIAGNOSIS) + "…";
        }
    }

    /** The annotation's key for {@code container} (a DNS label, so a valid annotation name). */
    public static String annotationKey(String container) {
        return ANNOTATION_PREFIX + container;
    }

    /** The failure recorded on {@code workload} for {@code container}; empty when none or unreadable. */
    public static Optional<FailedRelease> on(ObservedWorkload workload, String container) {
        Map<String, String> annotations = workload.metadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(annotationKey(container));
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(value);
            return Optional.of(new FailedRelease(ReleaseId.of(node.path("release").asText()), node.path("image").asText(),
                    node.hasNonNull("node") ? node.get("node").asText() : null, node.path("diagnosis").asText()));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether this is the record of {@code release} failing with {@code image}. */
    public boolean is(ReleaseId release, String image) {
        return this.release.equals(release) && this.image.equals(image);
    }

    public String annotationValue() {
        try {
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            fields.put("release", release.value());
            fields.put("image", image);
            if (node != null) {
                fields.put("node", node);
            }
            fields.put("diagnosis", diagnosis);
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the failed-release annotation", e);
        }
    }
}
