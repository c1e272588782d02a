package dev.slipway.cdevents;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.slipway.events.BuiltImage;
import java.util.TreeMap;

/**
 * The artifact id of a built image, a package URL of type {@code oci} as CDEvents asks:
 * {@code pkg:oci/web@sha256%3Abca5…?repository_url=slipway-example/web&tag=2.1.0}. The version is the image id (the
 * config digest), which every stage knows and which is the same on every engine and node; the registry's manifest
 * digest exists only once an image is pushed, so it is not the id (it travels in the publication's customData).
 */
public final class ArtifactIds {
    private ArtifactIds() {}

    public static String of(BuiltImage image) {
        String repository = image.ref().repository().value();
        String name = repository.substring(repository.lastIndexOf('/') + 1);
        TreeMap<String, String> qualifiers = new TreeMap<>();
        qualifiers.put("repository_url", repository);
        qualifiers.put("tag", image.ref().tag().value());
        try {
            return new PackageURL("oci", null, name, image.id().value(), qualifiers, null).canonicalize();
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("image " + image.ref() + " has no valid package URL: " + e.getMessage(), e);
        }
    }
}
