package dev.slipway.builder.messaging;

import dev.slipway.builder.stage.BuildStage;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.messaging.SlipwayMessages;
import dev.slipway.events.plan.ServicePlan;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads build-requested and publishes one image-built per service, each as soon as it is built;
 * acknowledges the request only after all of them are on the broker. A record that is not a valid
 * BuildRequested is nacked, which sends it to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class BuildRequestedProcessor {
    static final URI SOURCE = URI.create("/slipway/builder");

    @Inject
    @Channel("image-built")
    MutinyEmitter<String> imageBuilt;

    @Inject
    BuildStage stage;

    @Incoming("build-requested")
    @Blocking
    public CompletionStage<Void> onBuildRequested(Message<String> message) {
        BuildRequested request;
        try {
            request = SlipwayMessages.decode(message, EventType.BUILD_REQUESTED);
        } catch (RuntimeException e) {
            Log.warnf("build-requested: dead-lettering a record that is not a valid request: %s", e.getMessage());
            return message.nack(e);
        }
        Log.infof("release %s: build requested for %s", request.releaseId(), request.plan().serviceNames());
        for (ServicePlan service : request.plan().services()) {
            ImageBuilt built = stage.build(request, service);
            SlipwayMessages.publish(imageBuilt, built, request.releaseId(), SOURCE);
        }
        return message.ack();
    }
}
