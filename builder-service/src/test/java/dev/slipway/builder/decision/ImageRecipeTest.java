package dev.slipway.builder.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.builder.TestRequests;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.SourceRevision;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.plan.ServicePlan;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageRecipeTest {
    private final ServicePlan api = TestRequests.service("api", "shop/api", "services/api", "Dockerfile",
            Map.of("GREETING", "hello"));
    private final BuildRequested request = TestRequests.request("shop-2-1-0-a1", "2.1.0", api);

    @Test
    void tagsTheImageRepositoryAtTheReleaseVersion() {
        assertThat(ImageRecipe.of(request, api).tag()).isEqualTo(ImageRef.parse("shop/api:2.1.0"));
    }

    @Test
    void labelsTheImageWithReleaseServiceAndVersion() {
        assertThat(ImageRecipe.of(request, api).labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "dev.slipway.release-id", "shop-2-1-0-a1",
                "dev.slipway.service", "api",
                "dev.slipway.version", "2.1.0",
                "org.opencontainers.image.version", "2.1.0"));
    }

    @Test
    void labelsTheCommitItWasRequestedFromAsTheOciRevision() {
        String commit = "0123456789abcdef0123456789abcdef01234567";
        BuildRequested pinned = new BuildRequested(request.releaseId(), request.version(), request.requestedAt(),
                request.plan(), new SourceRevision(commit, false));
        BuildRequested dirty = new BuildRequested(request.releaseId(), request.version(), request.requestedAt(),
                request.plan(), new SourceRevision(commit, true));

        assertThat(ImageRecipe.of(pinned, api).labels()).containsEntry("org.opencontainers.image.revision", commit);
        assertThat(ImageRecipe.of(dirty, api).labels()).containsEntry("org.opencontainers.image.revision", commit + "-dirty");
    }

    @Test
    void identifiesTheImageByReleaseAndService() {
        assertThat(ImageRecipe.of(request, api).identity()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "dev.slipway.release-id", "shop-2-1-0-a1",
                "dev.slipway.service", "api"));
    }

    @Test
    void passesThePlansBuildArgs() {
        assertThat(ImageRecipe.of(request, api).buildArgs()).containsExactlyEntriesOf(Map.of("GREETING", "hello"));
    }
}
