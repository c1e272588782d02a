package dev.slipway.builder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The builder's own configuration: which engine builds, where the sources are, how long a build may take. */
@ConfigMapping(prefix = "slipway.builder")
public interface BuilderConfig {
    /** The Docker engine images are built on: {@code unix:///path/docker.sock} or {@code tcp://host:port}. */
    @WithDefault("unix:///var/run/docker.sock")
    String engine();

    /**
     * The folder every build context is resolved against (the monorepo checkout). A context or
     * Dockerfile resolving outside it, through {@code ..}, an absolute path or a symbolic link, is refused.
     */
    Path sourceRoot();

    /**
     * A build request older than this when the builder reads it is not built (each service FAILED, saying
     * so): a fresh consumer group, a renamed one, or offsets expired after a long outage would otherwise
     * build and deploy the topic's history again.
     */
    @WithDefault("PT6H")
    Duration maxRequestAge();

    /**
     * Where the files of the commits releases are pinned to are written (the newest few are kept), default
     * {@code slipway-builder-trees} in the system's temporary folder. Must be writable.
     */
    Optional<Path> workDir();

    /** How long one git command on the source root may take (writing a commit's files, for one). */
    @WithDefault("PT5M")
    Duration gitTimeout();

    /** How long one service's build may run before it is reported FAILED. */
    @WithDefault("PT30M")
    Duration buildTimeout();
}
