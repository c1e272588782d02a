package dev.slipway.distributor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The distributor's own settings: {@code slipway.distributor.*}. */
@ConfigMapping(prefix = "slipway.distributor")
public interface DistributorConfig {
    /** The build engine images are read from ({@code docker save}), e.g. {@code unix:///var/run/docker.sock}. */
    Optional<String> sourceEngine();

    /**
     * How many bytes of an image each node's buffer holds before the shared read waits for that node
     * (memory used per node being sent to). Default 8 MiB.
     */
    @WithDefault("8388608")
    long bufferBytesPerNode();
}
