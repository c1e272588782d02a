package dev.slipway.distributor.registry;

import dev.slipway.events.names.Version;
import java.util.Optional;

/** A registry's HTTP API v2, as far as distribution reads it: which manifest a tag names. */
public interface ImageRegistry {
    RegistryAddress address();

    /**
     * The manifest {@code repository:tag} names (repository without the registry host), or empty when the
     * registry does not hold the tag. Throws {@link RegistryException} naming the registry when it cannot be
     * reached, refuses the credentials or answers with an error.
     */
    Optional<RegistryManifest> manifest(String repository, Version tag);
}
