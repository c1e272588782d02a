package dev.slipway.builder.decision;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The idempotency decision: a service is not rebuilt when the engine already holds an image that
 * carries this release's labels for the service and still answers to the recipe's tag. A tag moved
 * to another image since (a later release of the same version) means the image is built again.
 */
public final class AlreadyBuilt {
    private AlreadyBuilt() {}

    public static Optional<ImageOnEngine> among(List<ImageOnEngine> images, ImageRecipe recipe) {
        return images.stream()
                .filter(image -> image.tags().contains(recipe.tag().value()))
                .filter(image -> carries(image.labels(), recipe.labels()))
                .findFirst();
    }

    private static boolean carries(Map<String, String> labels, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
