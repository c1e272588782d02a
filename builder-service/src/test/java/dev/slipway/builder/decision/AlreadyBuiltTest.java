package dev.slipway.builder.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.builder.TestRequests;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.plan.ServicePlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlreadyBuiltTest {
    private final ServicePlan api = TestRequests.service("api", "shop/api", "services/api", "Dockerfile", Map.of());
    private final ImageRecipe recipe = ImageRecipe.of(TestRequests.request("shop-2-1-0-a1", "2.1.0", api), api);

    @Test
    void reusesTheImageOfThisReleaseAndServiceThatStillHasTheTag() {
        ImageOnEngine built = image('a', Set.of("shop/api:2.1.0"), recipe.labels());

        assertThat(AlreadyBuilt.among(List.of(built), recipe)).contains(built);
    }

    @Test
    void buildsWhenNothingWasBuiltForTheRelease() {
        assertThat(AlreadyBuilt.among(List.of(), recipe)).isEmpty();
    }

    @Test
    void buildsAgainWhenTheTagNowPointsElsewhere() {
        ImageOnEngine untagged = image('a', Set.of(), recipe.labels());

        assertThat(AlreadyBuilt.among(List.of(untagged), recipe)).isEmpty();
    }

    @Test
    void doesNotReuseAnImageOfAnotherRelease() {
        Map<String, String> otherRelease = new HashMap<>(recipe.labels());
        otherRelease.put("dev.slipway.release-id", "shop-2-1-0-b2");
        ImageOnEngine other = image('b', Set.of("shop/api:2.1.0"), otherRelease);

        assertThat(AlreadyBuilt.among(List.of(other), recipe)).isEmpty();
    }

    @Test
    void picksTheTaggedImageAmongSeveralOfTheRelease() {
        ImageOnEngine stale = image('a', Set.of(), recipe.labels());
        ImageOnEngine current = image('c', Set.of("shop/api:2.1.0", "shop/api:latest"), recipe.labels());

        assertThat(AlreadyBuilt.among(List.of(stale, current), recipe)).contains(current);
    }

    private static ImageOnEngine image(char hex, Set<String> tags, Map<String, String> labels) {
        return new ImageOnEngine(ImageId.of("sha256:" + String.valueOf(hex).repeat(64)), tags, labels, 2_000_000, 2);
    }
}
