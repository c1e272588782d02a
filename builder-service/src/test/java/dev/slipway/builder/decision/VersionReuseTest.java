package dev.slipway.builder.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.Labels;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRepository;
import dev.slipway.events.names.Version;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VersionReuseTest {
    static final String A = "a".repeat(40);
    static final String B = "b".repeat(40);
    static final String INPUT_1 = "sha256:" + "1".repeat(64);
    static final String INPUT_2 = "sha256:" + "2".repeat(64);

    final ImageRecipe recipe = new ImageRecipe(ImageRepository.of("shop/api").at(Version.of("2.1.0")),
            Map.of(Labels.RELEASE_ID, "shop-2-1-0-bbbb", Labels.SERVICE, "api", ImageRecipe.OCI_REVISION, B,
                    Labels.SOURCE_DIGEST, INPUT_2), Map.of());

    @Test
    void aVersionNotBuiltYetMayBeBuilt() {
        assertThat(VersionReuse.refusal(Optional.empty(), recipe, false)).isEmpty();
    }

    @Test
    void aVersionBuiltBeforeFromOtherContentIsRefusedNamingBothReleasesAndCommits() {
        Optional<String> refusal = VersionReuse.refusal(tagged("shop-2-1-0-aaaa", A, INPUT_1), recipe, false);

        assertThat(refusal).contains("shop/api:2.1.0 is already built from other content: release shop-2-1-0-aaaa built it"
                + " from commit " + A + " (input sha256:111111111111), and release shop-2-1-0-bbbb is commit " + B
                + " (input sha256:222222222222). A version is built once: release this as a new version, or replace 2.1.0"
                + " with slipway release --replace-version");
    }

    @Test
    void replacingIsAllowedWhenTheReleaseSaysSo() {
        assertThat(VersionReuse.refusal(tagged("shop-2-1-0-aaaa", A, INPUT_1), recipe, true)).isEmpty();
    }

    @Test
    void theSameInputUnderAnotherReleaseMayMoveTheTagEvenFromAnotherCommit() {
        assertThat(VersionReuse.refusal(tagged("shop-2-1-0-aaaa", A, INPUT_2), recipe, false)).isEmpty();
    }

    @Test
    void anImageWithoutARecordedInputIsOtherContent() {
        Optional<ImageOnEngine> handMade = Optional.of(new ImageOnEngine(ImageId.of("sha256:" + "3".repeat(64)),
                Set.of("shop/api:2.1.0"), Map.of(), 10, 1));

        assertThat(VersionReuse.refusal(handMade, recipe, false).orElseThrow())
                .startsWith("shop/api:2.1.0 is already built from other content: image sha256:" + "3".repeat(64)
                        + " (not built by Slipway) from no recorded commit, and release shop-2-1-0-bbbb is commit " + B);
    }

    @Test
    void uncommittedChangesAreNamedAsSuch() {
        Optional<String> refusal = VersionReuse.refusal(tagged("shop-2-1-0-aaaa", A + "-dirty", INPUT_1), recipe, false);

        assertThat(refusal.orElseThrow()).contains("built it from uncommitted changes on commit " + A + " (input");
    }

    private static Optional<ImageOnEngine> tagged(String release, String revision, String input) {
        return Optional.of(new ImageOnEngine(ImageId.of("sha256:" + "9".repeat(64)), Set.of("shop/api:2.1.0"),
                Map.of(Labels.RELEASE_ID, release, ImageRecipe.OCI_REVISION, revision, Labels.SOURCE_DIGEST, input), 10, 1));
    }
}
