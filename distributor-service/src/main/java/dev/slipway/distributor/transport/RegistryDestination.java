package dev.slipway.distributor.transport;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.RegistryResult;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ServiceName;

/**
 * A registry images are pushed to, beside or instead of the nodes ({@code slipway.registry.url}); the
 * rollout then deploys the registry's reference. Implemented by {@code registry.RegistryPush}.
 */
public interface RegistryDestination extends AutoCloseable {
    /** Where the registry is, e.g. {@code 127.0.0.1:5000}; never carries a credential. */
    String address();

    /** Pushes the image unless the registry holds it; never throws for the registry's or engine's faults: FAILED says why. */
    RegistryResult push(ReleaseId release, ServiceName service, BuiltImage image);

    @Override
    void close();
}
