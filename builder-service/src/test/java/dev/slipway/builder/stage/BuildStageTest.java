package dev.slipway.builder.stage;

import static dev.slipway.builder.TestSources.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.slipway.builder.TestRequests;
import dev.slipway.builder.TestSources;
import dev.slipway.builder.decision.BuildSource;
import dev.slipway.builder.decision.ImageRecipe;
import dev.slipway.builder.docker.DockerImageBuilder;
import dev.slipway.builder.source.ContextDigest;
import dev.slipway.builder.source.TestRepository;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.Labels;
import dev.slipway.events.SourceRevision;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.plan.ServicePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One service through the stage, against a real dockerd: what the ImageBuilt says in each case. */
class BuildStageTest {
    @TempDir
    Path temp;
    Path root;
    DockerClient docker;
    DockerImageBuilder builder;
    BuildStage stage;
    final String version = "t" + TestSources.unique();
    final String releaseId = "stage-" + TestSources.unique();
    final List<String> tags = new ArrayList<>();

    @BeforeEach
    void engine() throws Exception {
        root = Files.createDirectories(temp.resolve("monorepo")).toRealPath();
        String engine = DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV);
        docker = DockerEngines.connect(engine);
        builder = new DockerImageBuilder(engine, Duration.ofMinutes(2));
        stage = new BuildStage(root, builder, Clock.systemUTC());
    }

    @AfterEach
    void removeImages() throws Exception {
        for (String tag : tags) {
            try {
                docker.removeImageCmd(tag).exec();
            } catch (NotFoundException notBuilt) {
                // nothing was built under this tag, as some tests expect
            }
        }
        builder.close();
        docker.close();
    }

    @Test
    void refusesAContextOutsideTheSourceRootAndBuildsNothing() {
        TestSources.service(temp, "outside", TestSources.BUSYBOX_SERVICE);
        ServicePlan evil = service("evil", "../outside");

        ImageBuilt built = stage.build(request(evil), evil);

        assertThat(built.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(built.image()).isNull();
        assertThat(built.error()).startsWith("service 'evil' of release '" + releaseId + "' was not built: ")
                .contains("'../outside'", "outside the source root " + root);
        assertThat(docker.listImagesCmd().withReferenceFilter(PREFIX + "evil:" + version).exec()).isEmpty();
    }

    @Test
    void aFailedBuildCarriesTheBuildersErrorLineAfterWhatFailed() {
        TestSources.service(root, "base", TestSources.BUSYBOX_SERVICE);
        ServicePlan base = service("base", "base");
        assertThat(stage.build(request(base), base).outcome()).isEqualTo(StageOutcome.SUCCEEDED);
        TestSources.service(root, "broken", "FROM " + PREFIX + "base:" + version + "\nRUN exit 3\n");
        ServicePlan broken = service("broken", "broken");

        ImageBuilt built = stage.build(request(broken), broken);

        assertThat(built.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(built.error()).isEqualTo("service 'broken' of release '" + releaseId
                + "' failed to build: The command '/bin/sh -c exit 3' returned a non-zero code: 3");
    }

    @Test
    void anUnreachableEngineBecomesFailedNamingTheEngine() {
        String nowhere = "unix://" + temp.resolve("no-dockerd-here.sock");
        TestSources.service(root, "api", TestSources.BUSYBOX_SERVICE);
        ServicePlan api = service("api", "api");
        try (DockerImageBuilder unreachable = new DockerImageBuilder(nowhere, Duration.ofMinutes(1))) {
            ImageBuilt built = new BuildStage(root, unreachable, Clock.systemUTC()).build(request(api), api);

            assertThat(built.outcome()).isEqualTo(StageOutcome.FAILED);
            assertThat(built.error()).startsWith("service 'api' of release '" + releaseId + "' could not be built: "
                    + "cannot reach the Docker engine at " + nowhere)
                    .contains("check that dockerd is running");
        }
    }

    @Test
    void aReleasePinnedToACommitBuildsThatCommitsFilesNotTheCheckoutsAndLabelsTheImage() throws Exception {
        TestRepository repository = TestRepository.init(root);
        Path api = TestSources.service(root, "api", TestSources.BUSYBOX_SERVICE);
        String commit = repository.commitAll("api");
        BuildSource committed = new BuildSource(api, api.resolve("Dockerfile"));
        String committedInput = ContextDigest.of(committed, Map.of());
        TestSources.changeMarker(api);
        ServicePlan plan = service("api", "api");

        ImageBuilt built = stage.build(pinned(plan, commit, false), plan);

        assertThat(built.outcome()).as(built.error()).isEqualTo(StageOutcome.SUCCEEDED);
        Map<String, String> labels = docker.inspectImageCmd(built.image().id().value()).exec().getConfig().getLabels();
        assertThat(labels).containsEntry(Labels.SOURCE_DIGEST, committedInput)
                .containsEntry(ImageRecipe.OCI_REVISION, commit)
                .containsEntry(ImageRecipe.OCI_VERSION, version);
        assertThat(committedInput).as("the working tree differs from the commit")
                .isNotEqualTo(ContextDigest.of(committed, Map.of()));
    }

    @Test
    void aVersionBuiltFromOtherContentIsRefusedNamingBothUnlessTheReleaseReplacesIt() {
        Path api = TestSources.service(root, "api", TestSources.BUSYBOX_SERVICE);
        ServicePlan plan = service("api", "api");
        ImageBuilt first = stage.build(TestRequests.request(releaseId, version, plan), plan);
        assertThat(first.outcome()).isEqualTo(StageOutcome.SUCCEEDED);

        String sameContent = "stage-" + TestSources.unique();
        ImageBuilt again = stage.build(TestRequests.request(sameContent, version, plan), plan);
        assertThat(again.outcome()).as("the same input under another release").isEqualTo(StageOutcome.SUCCEEDED);

        TestSources.changeMarker(api);
        String other = "stage-" + TestSources.unique();
        ImageBuilt refused = stage.build(TestRequests.request(other, version, plan), plan);

        assertThat(refused.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(refused.error()).startsWith("service 'api' of release '" + other + "' was not built: " + PREFIX + "api:"
                + version + " is already built from other content: release " + sameContent + " built it from no recorded commit")
                .contains("release " + other + " is no recorded commit", "slipway release --replace-version");
        assertThat(docker.inspectImageCmd(PREFIX + "api:" + version).exec().getId()).as("the tag did not move")
                .isEqualTo(again.image().id().value());

        BuildRequested replacing = TestRequests.request(other, version, plan);
        ImageBuilt replaced = stage.build(new BuildRequested(replacing.releaseId(), replacing.version(), replacing.requestedAt(),
                replacing.plan(), null, true), plan);
        assertThat(replaced.outcome()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(docker.inspectImageCmd(PREFIX + "api:" + version).exec().getId()).isEqualTo(replaced.image().id().value())
                .isNotEqualTo(again.image().id().value());
    }

    private BuildRequested pinned(ServicePlan service, String commit, boolean dirty) {
        BuildRequested request = request(service);
        return new BuildRequested(request.releaseId(), request.version(), request.requestedAt(), request.plan(),
                new SourceRevision(commit, dirty));
    }

    private ServicePlan service(String name, String context) {
        tags.add(PREFIX + name + ":" + version);
        return TestRequests.service(name, PREFIX + name, context, "Dockerfile", Map.of());
    }

    private BuildRequested request(ServicePlan service) {
        return TestRequests.request(releaseId, version, service);
    }
}
