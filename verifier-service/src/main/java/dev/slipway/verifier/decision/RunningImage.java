package dev.slipway.verifier.decision;

import dev.slipway.events.BuiltImage;
import dev.slipway.kubernetes.observed.ObservedPod;
import dev.slipway.kubernetes.observed.ObservedPod.ContainerStatus;
import java.util.Optional;

/**
 * The image a started container runs, as the kubelet reports it ({@code status.containerStatuses[].imageID}), and
 * whether it is the release's: for an image pulled from a registry the kubelet names its manifest digest
 * ({@code host/repo@sha256:…}), which must be the digest the registry gave the release's push; for an image imported
 * onto the node it names the image id ({@code sha256:…}, the config digest; {@code docker://sha256:…} under the
 * Docker runtime), which must be the release's image id. So an old image under a reused tag does not pass.
 */
public record RunningImage(String imageId) {
    /** What the container of {@code pod} named {@code container} runs, or empty while the kubelet has not said yet. */
    public static Optional<RunningImage> of(ObservedPod pod, String container) {
        return pod.containerStatuses().stream()
                .filter(status -> container.equals(status.name()))
                .map(ContainerStatus::imageID)
                .filter(id -> id != null && !id.isBlank())
                .findFirst()
                .map(RunningImage::new);
    }

    public boolean is(BuiltImage image) {
        String id = withoutScheme(imageId);
        if (image.digest() != null) {
            return id.endsWith("@" + image.digest());
        }
        return id.equals(image.id().value()) || id.endsWith("@" + image.id().value());
    }

    /** How the check names what it wants: the registry digest, else the image id. */
    static String expected(BuiltImage image) {
        return image.digest() != null ? "(manifest " + image.digest() + ")" : "(" + image.id().value() + ")";
    }

    private static String withoutScheme(String id) {
        int scheme = id.indexOf("://");
        return scheme < 0 ? id : id.substring(scheme + 3);
    }
}
