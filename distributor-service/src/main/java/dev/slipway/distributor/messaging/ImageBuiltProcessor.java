package dev.slipway.distributor.messaging;

import dev.slipway.distributor.decision.Distributions;
import dev.slipway.distributor.stage.DistributionStage;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.stage.Output;
import dev.slipway.stage.StageProcessor;
import dev.slipway.stage.StageStep;
import dev.slipway.stage.metrics.StageMetrics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * image-built → image-distributed: one ImageDistributed per ImageBuilt, through the shared
 * {@link StageProcessor} (invalid input dead-lettered, any error a FAILED ImageDistributed naming it,
 * publish retried, then ack). Several services are distributed at once ({@code ordered = false}).
 */
@ApplicationScoped
public class ImageBuiltProcessor {
    static final URI SOURCE = URI.create("/slipway/distributor");

    @Inject
    DistributionStage stage;

    @Inject
    @Channel("image-distributed")
    MutinyEmitter<String> out;

    @Inject
    StageProcessor processor;

    @Inject
    StageMetrics metrics;

    @Inject
    DistributionMetrics nodes;

    void startCounters(@Observes StartupEvent start) {
        metrics.expect(EventType.IMAGE_BUILT, ImageDistributed.class);
    }

    @Incoming("image-built")
    @Blocking(ordered = false)
    public CompletionStage<Void> onImageBuilt(Message<String> message) {
        return processor.<ImageBuilt>process(metrics.tracked(message, EventType.IMAGE_BUILT), EventType.IMAGE_BUILT, new Output(out, "image-distributed", SOURCE),
                built -> built.release().releaseId(),
                built -> List.of(metrics.counted(StageStep.of("service " + built.service().name(),
                        () -> nodes.recorded(stage.distribute(built)),
                        error -> Distributions.stopped(built, List.of(), error.toString())))));
    }
}
