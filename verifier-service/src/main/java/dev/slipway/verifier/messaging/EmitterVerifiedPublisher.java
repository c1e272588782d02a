package dev.slipway.verifier.messaging;

import dev.slipway.events.Verified;
import dev.slipway.events.messaging.SlipwayMessages;
import dev.slipway.stage.CDEventsPublisher;
import dev.slipway.stage.metrics.StageMetrics;
import dev.slipway.verifier.stage.VerifiedPublisher;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes Verified on the {@code verified} channel as a CloudEvent in binary mode, key and
 * subject = release id. Its CloudEvents id is {@code <release-id>/verified} ({@link dev.slipway.events.EventIds}):
 * the one Verified of a release has one id, so should a crash between sending and recording it ever send
 * it twice, the copy is the same event (same source and id) for any consumer. Each verdict published is
 * counted ({@code slipway_stage_outcomes_total{stage="verifier",outcome="PASSED|FAILED"}}); then, when CDEvents are
 * on, the verdict's CDEvents ({@link CDEventsPublisher}).
 */
@Singleton
public class EmitterVerifiedPublisher implements VerifiedPublisher {
    public static final URI SOURCE = URI.create("/slipway/verifier");

    @Inject
    @Channel("verified")
    MutinyEmitter<String> verified;

    @Inject
    CDEventsPublisher cdEvents;

    @Inject
    StageMetrics metrics;

    @Override
    public void publish(Verified event) {
        verified.sendMessageAndAwait(SlipwayMessages.outgoing(event, event.releaseId(), SOURCE));
        metrics.outcome(event);
        cdEvents.publish(event, SOURCE, event.releaseId());
    }
}
