package dev.slipway.builder.messaging;

import dev.slipway.builder.stage.BuildStage;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageBuilt;
import dev.slipway.stage.Output;
import dev.slipway.stage.StageProcessor;
import dev.slipway.stage.StageStep;
import dev.slipway.stage.metrics.StageMetrics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * build-requested → image-built, through the shared {@link StageProcessor}: one step per service, each
 * ImageBuilt published as soon as its image is built (any error a FAILED ImageBuilt naming it); the
 * request is acknowledged once all of them are on the broker. An invalid request is dead-lettered.
 */
@ApplicationScoped
public class BuildRequestedProcessor {
    static final URI SOURCE = URI.create("/slipway/builder");

    @Inject
    @Channel("image-built")
    MutinyEmitter<String> imageBuilt;

    @Inject
    BuildStage stage;

    @Inject
    StageProcessor processor;

    @Inject
    StageMetrics metrics;

    void startCounters(@Observes StartupEvent start) {
        metrics.expect(EventType.BUILD_REQUESTED, ImageBuilt.class);
    }

    @Incoming("build-requested")
    @Blocking
    public CompletionStage<Void> onBuildRequested(Message<String> message) {
        return processor.<BuildRequested>process(metrics.tracked(message, EventType.BUILD_REQUESTED), EventType.BUILD_REQUESTED,
                new Output(imageBuilt, "image-built", SOURCE), BuildRequested::releaseId, this::steps);
    }

    private List<StageStep> steps(BuildRequested request) {
        Log.infof("release %s: build requested for %s", request.releaseId(), request.plan().serviceNames());
        return request.plan().services().stream()
                .map(service -> metrics.counted(StageStep.of("service " + service.name(), () -> stage.build(request, service),
                        error -> stage.stopped(request, service, error))))
                .toList();
    }
}
