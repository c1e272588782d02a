package dev.slipway.builder.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.slipway.builder.decision.BuildSource;
import dev.slipway.builder.decision.ImageOnEngine;
import dev.slipway.builder.decision.ImageRecipe;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ImageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** {@link ImageBuilder} on a Docker engine through docker-java (legacy builder or BuildKit alike). */
public final class DockerImageBuilder implements ImageBuilder, AutoCloseable {
    private final String engine;
    private final Duration buildTimeout;
    private final DockerClient docker;

    public DockerImageBuilder(String engine, Duration buildTimeout) {
        this.engine = engine;
        this.buildTimeout = buildTimeout;
        this.docker = DockerEngines.connect(engine);
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public List<ImageOnEngine> imagesLabelled(Map<String, String> labels) {
        return reaching(() -> docker.listImagesCmd().withLabelFilter(labels).exec().stream()
                .map(image -> inspect(image.getId()))
                .toList());
    }

    @Override
    public Optional<ImageOnEngine> imageTagged(ImageRef ref) {
        return reaching(() -> {
            try {
                return Optional.of(inspect(ref.value()));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public ImageOnEngine build(BuildSource source, ImageRecipe recipe) {
        String tag = recipe.tag().value();
        String imageId = reaching(() -> {
            try (BuildImageCmd command = docker.buildImageCmd()
                    .withBaseDirectory(source.context().toFile())
                    .withDockerfile(source.dockerfile().toFile())
                    .withTags(Set.of(tag))
                    .withLabels(recipe.labels())
                    .withPull(false)
                    .withRemove(true)
                    .withForcerm(true)) {
                recipe.buildArgs().forEach(command::withBuildArg);
                return await(command.exec(new BuildProgress(tag)));
            } catch (DockerClientException | IllegalArgumentException | IllegalStateException e) {
                throw new BuildFailedException(e.getMessage(), e);
            } catch (DockerException e) {
                throw new BuildFailedException(EngineMessages.of(e), e);
            }
        });
        return reaching(() -> inspect(imageId));
    }

    private String await(BuildProgress progress) {
        try (progress) {
            if (!progress.awaitCompletion(buildTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BuildFailedException("the build did not finish within " + buildTimeout
                        + " (slipway.builder.build-timeout)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailedException("the build was interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (progress.error() != null) {
            throw new BuildFailedException(progress.error());
        }
        if (progress.imageId() == null) {
            throw new BuildFailedException("the engine ended the build without reporting an image id");
        }
        return progress.imageId();
    }

    private ImageOnEngine inspect(String id) {
        InspectImageResponse image = docker.inspectImageCmd(id).exec();
        Map<String, String> labels = image.getConfig() == null || image.getConfig().getLabels() == null
                ? Map.of()
                : image.getConfig().getLabels();
        List<String> tags = image.getRepoTags() == null ? List.of() : image.getRepoTags();
        int layers = image.getRootFS() == null || image.getRootFS().getLayers() == null
                ? 0
                : image.getRootFS().getLayers().size();
        long size = image.getSize() == null ? 0 : image.getSize();
        return new ImageOnEngine(ImageId.of(image.getId()), Set.copyOf(tags), labels, size, layers);
    }

    /** Runs an engine call, turning a transport failure into {@link EngineUnreachableException}. */
    private <T> T reaching(Supplier<T> call) {
        try {
            return call.get();
        } catch (BuildFailedException | DockerException | DockerClientException e) {
            throw e;
        } catch (RuntimeException e) {
            if (causedByIo(e)) {
                throw new EngineUnreachableException(engine, e);
            }
            throw e;
        }
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the client of the Docker engine at " + engine, e);
        }
    }
}
