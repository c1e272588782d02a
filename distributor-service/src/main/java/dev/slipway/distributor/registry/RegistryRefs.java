package dev.slipway.distributor.registry;

import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.ImageRepository;

/**
 * The registry's name for a built image: {@code <registry>/<repository>:<tag>}, where the repository is
 * the built one without any registry host it already names ({@code old.example.com/team/app} → {@code team/app}).
 */
public final class RegistryRefs {
    private RegistryRefs() {}

    /** The reference nodes pull, e.g. {@code 127.0.0.1:5000/slipway-example/api:2.1.0}. */
    public static ImageRef of(RegistryAddress registry, ImageRef built) {
        return new ImageRef(ImageRepository.of(registry.hostPort() + "/" + path(built)), built.tag());
    }

    /** The repository path inside the registry, e.g. {@code slipway-example/api}. */
    public static String path(ImageRef built) {
        String repository = built.repository().value();
        int slash = repository.indexOf('/');
        if (slash < 0) {
            return repository;
        }
        String first = repository.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        return host ? repository.substring(slash + 1) : repository;
    }
}
