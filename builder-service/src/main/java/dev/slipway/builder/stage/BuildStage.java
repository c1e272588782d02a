package dev.slipway.builder.stage;

import dev.slipway.builder.decision.AlreadyBuilt;
import dev.slipway.builder.decision.BuildSource;
import dev.slipway.builder.decision.VersionReuse;
import dev.slipway.builder.source.ContextDigest;
import dev.slipway.builder.source.SourceTrees;
import dev.slipway.builder.decision.FailureMessages;
import dev.slipway.builder.decision.ImageOnEngine;
import dev.slipway.builder.decision.ImageRecipe;
import dev.slipway.builder.decision.RequestAge;
import dev.slipway.builder.decision.SourcePaths;
import dev.slipway.builder.decision.SourceResolution;
import dev.slipway.builder.docker.BuildFailedException;
import dev.slipway.builder.docker.EngineUnreachableException;
import dev.slipway.builder.docker.ImageBuilder;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.Labels;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.ServicePlan;
import io.quarkus.logging.Log;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One service of a release, in order: refuse a request older than the maximum age, find the image already built for it
 * (then nothing is built again), find the tree to build (the release's commit), resolve its sources inside it, refuse
 * to build a version already built from other content, build, and describe the outcome as ImageBuilt.
 * Every failure becomes a FAILED ImageBuilt whose error says what failed and what to do.
 */
public final class BuildStage {
    private final SourceTrees trees;
    private final ImageBuilder builder;
    private final Clock clock;
    private final Duration maxRequestAge;

    public BuildStage(SourceTrees trees, ImageBuilder builder, Clock clock, Duration maxRequestAge) {
        this.trees = trees;
        this.builder = builder;
        this.clock = clock;
        this.maxRequestAge = maxRequestAge;
    }

    /** Commit trees written under the system's temporary folder, with no limit on a request's age. */
    public BuildStage(Path sourceRoot, ImageBuilder builder, Clock clock) {
        this(new SourceTrees(sourceRoot, Path.of(System.getProperty("java.io.tmpdir"), "slipway-builder-trees"),
                Duration.ofMinutes(5)), builder, clock, null);
    }

    public ImageBuilt build(BuildRequested request, ServicePlan service) {
        long started = clock.millis();
        ReleaseId releaseId = request.releaseId();
        ServiceName name = service.name();
        ImageRecipe recipe = ImageRecipe.of(request, service);
        Optional<String> expired = RequestAge.expired(request, clock.instant(), maxRequestAge);
        if (expired.isPresent()) {
            Log.warnf("release %s service %s: %s", releaseId, name, expired.get());
            return failed(request, service, started, expired.get());
        }
        try {
            Optional<ImageOnEngine> existing = AlreadyBuilt.among(builder.imagesLabelled(recipe.identity()), recipe);
            if (existing.isPresent()) {
                Log.infof("release %s service %s: %s is already built as %s; not building it again",
                        releaseId, name, recipe.tag(), existing.get().id());
                return succeeded(request, service, recipe, existing.get(), started);
            }
            SourceTrees.Found tree = trees.treeFor(request);
            if (tree instanceof SourceTrees.Refused refused) {
                Log.warnf("release %s service %s: refused: %s", releaseId, name, refused.reason());
                return failed(request, service, started, FailureMessages.refused(releaseId, name, refused.reason()));
            }
            SourceTrees.Tree sources = (SourceTrees.Tree) tree;
            SourceResolution resolution = SourcePaths.resolve(sources.root(), service.build());
            if (resolution instanceof SourceResolution.Refused refused) {
                Log.warnf("release %s service %s: refused: %s", releaseId, name, refused.reason());
                return failed(request, service, started, FailureMessages.refused(releaseId, name, refused.reason()));
            }
            BuildSource source = ((SourceResolution.Resolved) resolution).source();
            recipe = recipe.withLabel(Labels.SOURCE_DIGEST, ContextDigest.of(source, recipe.buildArgs()));
            Optional<String> url = trees.sourceUrl();
            if (url.isPresent()) {
                recipe = recipe.withLabel(ImageRecipe.OCI_SOURCE, url.get());
            }
            Optional<String> reuse = VersionReuse.refusal(builder.imageTagged(recipe.tag()), recipe, request.replaceVersion());
            if (reuse.isPresent()) {
                Log.warnf("release %s service %s: refused: %s", releaseId, name, reuse.get());
                return failed(request, service, started, FailureMessages.refused(releaseId, name, reuse.get()));
            }
            Log.infof("release %s service %s: building %s from %s, context %s, on %s", releaseId, name, recipe.tag(),
                    sources.description(), source.context(), builder.engine());
            ImageOnEngine image = builder.build(source, recipe);
            return succeeded(request, service, recipe, image, started);
        } catch (BuildFailedException e) {
            Log.warnf("release %s service %s: build failed: %s", releaseId, name, e.getMessage());
            return failed(request, service, started, FailureMessages.buildFailed(releaseId, name, e.getMessage()));
        } catch (EngineUnreachableException e) {
            Log.warnf("release %s service %s: %s", releaseId, name, e.getMessage());
            return failed(request, service, started, FailureMessages.engineProblem(releaseId, name, e.getMessage()));
        } catch (RuntimeException e) {
            Log.errorf(e, "release %s service %s: the Docker engine at %s failed", releaseId, name, builder.engine());
            return failed(request, service, started, FailureMessages.engineProblem(releaseId, name,
                    "the Docker engine at " + builder.engine() + " failed: " + e.getMessage()
                            + "; check the engine's log (slipway.builder.engine)"));
        }
    }

    /** The ImageBuilt for a build that ended in an error nothing above expected: FAILED, naming it. */
    public ImageBuilt stopped(BuildRequested request, ServicePlan service, RuntimeException cause) {
        return failed(request, service, clock.millis(), FailureMessages.engineProblem(request.releaseId(), service.name(),
                "the build stopped on an unexpected error: " + cause + "; see the builder's log"));
    }

    private ImageBuilt succeeded(BuildRequested request, ServicePlan service, ImageRecipe recipe, ImageOnEngine image,
            long started) {
        long millis = elapsed(started);
        Log.infof("release %s service %s: %s is %s (%d bytes, %d layers), %d ms", request.releaseId(), service.name(),
                recipe.tag(), image.id(), image.sizeBytes(), image.layers(), millis);
        return new ImageBuilt(ReleaseContext.of(request), service, StageOutcome.SUCCEEDED, image.asBuilt(recipe.tag()),
                millis, null);
    }

    private ImageBuilt failed(BuildRequested request, ServicePlan service, long started, String error) {
        return new ImageBuilt(ReleaseContext.of(request), service, StageOutcome.FAILED, null, elapsed(started), error);
    }

    private long elapsed(long started) {
        return Math.max(0, clock.millis() - started);
    }
}
