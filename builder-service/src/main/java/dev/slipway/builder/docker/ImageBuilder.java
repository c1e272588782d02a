package dev.slipway.builder.docker;

import dev.slipway.builder.decision.BuildSource;
import dev.slipway.builder.decision.ImageOnEngine;
import dev.slipway.builder.decision.ImageRecipe;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.slipway.events.names.ImageRef;

/** Builds images on one Docker engine and finds the ones it built before. */
public interface ImageBuilder {
    /** The engine's address, as configured, for messages. */
    String engine();

    /**
     * The images on the engine that carry every one of {@code labels}.
     *
     * @throws EngineUnreachableException when the engine cannot be reached
     */
    List<ImageOnEngine> imagesLabelled(Map<String, String> labels);

    /**
     * The image the engine's tag {@code ref} names now, if any.
     *
     * @throws EngineUnreachableException when the engine cannot be reached
     */
    Optional<ImageOnEngine> imageTagged(ImageRef ref);

    /**
     * Builds {@code source} as {@code recipe} says and returns the image as the engine now reports it.
     *
     * @throws BuildFailedException with the builder's own error line when the build fails
     * @throws EngineUnreachableException when the engine cannot be reached
     */
    ImageOnEngine build(BuildSource source, ImageRecipe recipe);
}
