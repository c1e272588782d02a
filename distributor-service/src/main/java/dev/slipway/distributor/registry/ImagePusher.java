package dev.slipway.distributor.registry;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.names.ImageRef;
import java.util.List;
import java.util.Set;

/** The build engine, as far as a push goes: it tags the built image for the registry and pushes it. */
public interface ImagePusher {
    /** Where the engine is reached, for messages. */
    String address();

    /**
     * Pushes {@code image} (by its id) as {@code target}, authenticating with {@code credentials}. The engine
     * sends only the layers the registry lacks. Throws {@link RegistryException} when the engine does not hold
     * the image under its reference and id, or the push fails.
     */
    Pushed push(BuiltImage image, ImageRef target, RegistryCredentials credentials);

    /** What a push did: the image's diff ids (bottom layer first) and the progress ids of the layers it sent. */
    record Pushed(List<String> diffIds, Set<String> pushedLayers) {
        public Pushed {
            diffIds = List.copyOf(diffIds);
            pushedLayers = Set.copyOf(pushedLayers);
        }
    }
}
