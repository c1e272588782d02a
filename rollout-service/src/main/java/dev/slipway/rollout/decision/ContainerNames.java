package dev.slipway.rollout.decision;

import dev.slipway.events.names.ContainerName;

/** Names of the containers derived from a service's container name, in one place. */
public final class ContainerNames {
    /** Suffix of the container kept, stopped, while its replacement comes up, so it can be put back. */
    public static final String PREVIOUS_SUFFIX = ".previous";

    /** Suffix of a new container that failed and was rolled back: kept stopped for inspection. */
    public static final String FAILED_SUFFIX = ".failed";

    private ContainerNames() {}

    /** {@code example-api} → {@code example-api.failed}. */
    public static ContainerName failedOf(ContainerName container) {
        return ContainerName.of(container.value() + FAILED_SUFFIX);
    }

    /** {@code example-api} → {@code example-api.previous}. */
    public static ContainerName previousOf(ContainerName container) {
        return ContainerName.of(container.value() + PREVIOUS_SUFFIX);
    }
}
