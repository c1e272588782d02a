package dev.slipway.verifier.messaging;

import dev.slipway.events.EventType;
import dev.slipway.events.RolloutDone;
import dev.slipway.stage.StageProcessor;
import dev.slipway.stage.metrics.StageMetrics;
import dev.slipway.events.Verified;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import dev.slipway.verifier.stage.VerificationStage;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * rollout-done → verified, through the shared {@link StageProcessor}. The verifier's work is its own
 * broker writes (its state topic, then Verified), each step saved before the next, so it is repeated
 * until it succeeds, the service reporting itself not ready meanwhile. A record that is not a valid
 * RolloutDone, or one that does not fit its release, is dead-lettered with the reason. Releases are
 * verified at once (unordered; the stage locks per release).
 */
@ApplicationScoped
public class RolloutDoneProcessor {
    @Inject
    VerificationStage stage;

    @Inject
    StageProcessor processor;

    @Inject
    StageMetrics metrics;

    void startCounters(@Observes StartupEvent start) {
        metrics.expect(EventType.ROLLOUT_DONE, Verified.class);
    }

    @Incoming("rollout-done")
    @Blocking(ordered = false)
    public CompletionStage<Void> onRolloutDone(Message<String> message) {
        return processor.<RolloutDone>processRetrying(metrics.tracked(message, EventType.ROLLOUT_DONE), EventType.ROLLOUT_DONE, "verifier-state and verified",
                done -> done.release().releaseId(), stage::handle);
    }
}
