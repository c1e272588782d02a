package dev.slipway.builder.decision;

import dev.slipway.events.BuildRequested;
import dev.slipway.events.Labels;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.plan.ServicePlan;
import java.util.Map;

/**
 * What to ask the engine for one service: the tag {@code <repository>:<version>}, the labels that
 * tie the image to its release and service (and find it again on redelivery) and the build args.
 */
public record ImageRecipe(ImageRef tag, Map<String, String> labels, Map<String, String> buildArgs) {
    /** The OCI image-spec annotation keys, as labels: the commit built (with -dirty) and the version. */
    public static final String OCI_REVISION = "org.opencontainers.image.revision";
    public static final String OCI_VERSION = "org.opencontainers.image.version";
    /** The URL of the repository the image was built from. */
    public static final String OCI_SOURCE = "org.opencontainers.image.source";

    public ImageRecipe {
        labels = Map.copyOf(labels);
        buildArgs = Map.copyOf(buildArgs);
    }

    public static ImageRecipe of(BuildRequested request, ServicePlan service) {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put(Labels.RELEASE_ID, request.releaseId().value());
        labels.put(Labels.SERVICE, service.name().value());
        labels.put(Labels.VERSION, request.version().value());
        labels.put(OCI_VERSION, request.version().value());
        if (request.source() != null) {
            labels.put(OCI_REVISION, request.source().revision());
        }
        return new ImageRecipe(service.image().at(request.version()), labels, service.build().args());
    }

    /** This recipe with one more label (or another value for it). */
    public ImageRecipe withLabel(String key, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(labels);
        more.put(key, value);
        return new ImageRecipe(tag, more, buildArgs);
    }

    /** The labels that identify the image of this release and service, to look it up before building. */
    public Map<String, String> identity() {
        return Map.of(Labels.RELEASE_ID, labels.get(Labels.RELEASE_ID), Labels.SERVICE, labels.get(Labels.SERVICE));
    }
}
