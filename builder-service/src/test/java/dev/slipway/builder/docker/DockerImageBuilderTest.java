package dev.slipway.builder.docker;

import static dev.slipway.builder.TestSources.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.slipway.builder.TestRequests;
import dev.slipway.builder.TestSources;
import dev.slipway.builder.decision.BuildSource;
import dev.slipway.builder.decision.ImageOnEngine;
import dev.slipway.builder.decision.ImageRecipe;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.plan.ServicePlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter against a real dockerd (SLIPWAY_DOCKER_HOST). */
class DockerImageBuilderTest {
    @TempDir
    Path root;
    String engine;
    DockerClient docker;
    DockerImageBuilder builder;
    final List<String> createdTags = new ArrayList<>();

    @BeforeEach
    void connect() {
        engine = DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV);
        docker = DockerEngines.connect(engine);
        builder = new DockerImageBuilder(engine, Duration.ofMinutes(2));
    }

    @AfterEach
    void removeImages() throws Exception {
        for (String tag : createdTags) {
            try {
                docker.removeImageCmd(tag).exec();
            } catch (NotFoundException alreadyGone) {
                // the test never got as far as building it
            }
        }
        builder.close();
        docker.close();
    }

    @Test
    void buildsTheImageWithItsTagLabelsAndBuildArgs() {
        Path api = TestSources.service(root, "api", TestSources.BUSYBOX_SERVICE);
        ImageRecipe recipe = recipe("api", Map.of("GREETING", "hello"));

        ImageOnEngine image = builder.build(new BuildSource(api, api.resolve("Dockerfile")), recipe);

        InspectImageResponse inspected = docker.inspectImageCmd(recipe.tag().value()).exec();
        assertThat(image.id().value()).matches("sha256:[0-9a-f]{64}").isEqualTo(inspected.getId());
        assertThat(image.tags()).contains(recipe.tag().value());
        assertThat(inspected.getConfig().getLabels())
                .containsAllEntriesOf(recipe.labels())
                .containsEntry("test.greeting", "hello");
        assertThat(image.labels()).containsAllEntriesOf(recipe.labels());
        assertThat(image.layers()).isEqualTo(2).isEqualTo(inspected.getRootFS().getLayers().size());
        assertThat(image.sizeBytes()).isGreaterThan(1_000_000).isEqualTo(inspected.getSize());
    }

    @Test
    void findsTheImagesItBuiltByTheirLabels() {
        Path api = TestSources.service(root, "api", TestSources.BUSYBOX_SERVICE);
        ImageRecipe recipe = recipe("api", Map.of());
        ImageOnEngine built = builder.build(new BuildSource(api, api.resolve("Dockerfile")), recipe);

        List<ImageOnEngine> found = builder.imagesLabelled(recipe.identity());

        assertThat(found).containsExactly(built);
    }

    @Test
    void aFailingRunStepReportsTheBuildersOwnErrorLine() {
        Path base = TestSources.service(root, "base", TestSources.BUSYBOX_SERVICE);
        ImageRecipe baseRecipe = recipe("base", Map.of());
        builder.build(new BuildSource(base, base.resolve("Dockerfile")), baseRecipe);
        Path broken = TestSources.service(root, "broken", "FROM " + baseRecipe.tag() + "\nRUN exit 3\n");
        ImageRecipe brokenRecipe = recipe("broken", Map.of());

        assertThatThrownBy(() -> builder.build(new BuildSource(broken, broken.resolve("Dockerfile")), brokenRecipe))
                .isInstanceOf(BuildFailedException.class)
                .hasMessage("The command '/bin/sh -c exit 3' returned a non-zero code: 3");
        assertThat(docker.listImagesCmd().withReferenceFilter(brokenRecipe.tag().value()).exec()).isEmpty();
    }

    @Test
    void anUnreachableEngineIsNamedWithWhatToCheck() {
        String nowhere = "unix://" + root.resolve("no-dockerd-here.sock");
        try (DockerImageBuilder unreachable = new DockerImageBuilder(nowhere, Duration.ofMinutes(1))) {
            assertThatThrownBy(() -> unreachable.imagesLabelled(Map.of("dev.slipway.service", "api")))
                    .isInstanceOf(EngineUnreachableException.class)
                    .hasMessageContaining("cannot reach the Docker engine at " + nowhere)
                    .hasMessageContaining("check that dockerd is running");
        }
    }

    private ImageRecipe recipe(String service, Map<String, String> args) {
        String version = "t" + TestSources.unique();
        ServicePlan plan = TestRequests.service(service, PREFIX + service, service, "Dockerfile", args);
        ImageRecipe recipe = ImageRecipe.of(TestRequests.request("adapter-" + TestSources.unique(), version, plan), plan);
        createdTags.add(recipe.tag().value());
        return recipe;
    }
}
