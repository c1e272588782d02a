package dev.slipway.builder.decision;

import dev.slipway.events.Labels;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a release may build a version whose tag the engine already holds. A version's images are built
 * once: the tag may move to this release's image only when the image it names was built from the same input
 * (the same {@link Labels#SOURCE_DIGEST}: same context files, Dockerfile and build args), or when the release
 * says to replace the version ({@code slipway release --replace-version}). Otherwise the build is refused,
 * naming both releases and both commits, so what ran as a version can always be told from what runs now.
 */
public final class VersionReuse {
    private VersionReuse() {}

    /** Why {@code recipe} may not be built over {@code tagged} (the image the tag names now), or empty when it may. */
    public static Optional<String> refusal(Optional<ImageOnEngine> tagged, ImageRecipe recipe, boolean replace) {
        if (tagged.isEmpty() || replace) {
            return Optional.empty();
        }
        Map<String, String> before = tagged.get().labels();
        Map<String, String> now = recipe.labels();
        String digest = now.get(Labels.SOURCE_DIGEST);
        if (now.get(Labels.RELEASE_ID).equals(before.get(Labels.RELEASE_ID))
                || digest != null && digest.equals(before.get(Labels.SOURCE_DIGEST))) {
            return Optional.empty();
        }
        String other = before.get(Labels.RELEASE_ID);
        return Optional.of(recipe.tag() + " is already built from other content: "
                + (other == null ? "image " + tagged.get().id() + " (not built by Slipway)" : "release " + other + " built it")
                + " from " + origin(before) + ", and release " + now.get(Labels.RELEASE_ID) + " is " + origin(now)
                + ". A version is built once: release this as a new version, or replace " + recipe.tag().tag()
                + " with slipway release --replace-version");
    }

    /** "commit abc…", "uncommitted changes on commit abc…", or "no recorded commit", with the input digest. */
    static String origin(Map<String, String> labels) {
        String revision = labels.get(ImageRecipe.OCI_REVISION);
        String commit = revision == null ? "no recorded commit"
                : revision.endsWith("-dirty") ? "uncommitted changes on commit " + revision.substring(0, revision.length() - 6)
                : "commit " + revision;
        String digest = labels.get(Labels.SOURCE_DIGEST);
        return commit + (digest == null ? "" : " (input " + shortDigest(digest) + ")");
    }

    private static String shortDigest(String digest) {
        return digest.length() > "sha256:".length() + 12 ? digest.substring(0, "sha256:".length() + 12) : digest;
    }
}
