package dev.slipway.builder.config;

import dev.slipway.builder.docker.DockerImageBuilder;
import dev.slipway.builder.docker.ImageBuilder;
import dev.slipway.builder.stage.BuildStage;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import dev.slipway.builder.source.SourceTrees;
import java.nio.file.Path;
import java.time.Clock;

/** Wires the builder's parts from its configuration. */
public class BuilderBeans {
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    DockerImageBuilder imageBuilder(BuilderConfig config) {
        return new DockerImageBuilder(config.engine(), config.buildTimeout());
    }

    void close(@Disposes DockerImageBuilder builder) {
        builder.close();
    }

    @Produces
    @Singleton
    BuildStage buildStage(BuilderConfig config, ImageBuilder builder, Clock clock) {
        Path workDir = config.workDir().orElse(Path.of(System.getProperty("java.io.tmpdir"), "slipway-builder-trees"));
        return new BuildStage(new SourceTrees(config.sourceRoot(), workDir, config.gitTimeout()), builder, clock,
                config.maxRequestAge());
    }
}
