package dev.slipway.stage;

import dev.slipway.events.EventType;
import dev.slipway.events.InvalidEventException;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.messaging.SlipwayMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * How every stage handles one record, in this order:
 * <ol>
 * <li>decode it; a record that is not a valid event of the expected type is nacked, which sends it to
 * the channel's dead-letter topic with the reason (and nothing else ever is);</li>
 * <li>run each step's side effect; one that throws gives the step's FAILED event naming the cause;</li>
 * <li>publish each step's event as soon as it is known, retried until the broker has it
 * ({@link BrokerRetry}), then, when CDEvents are on, its CDEvents ({@link CDEventsPublisher});</li>
 * <li>acknowledge the record.</li>
 * </ol>
 * Nothing escapes to SmallRye, so a channel never ends its subscription because of one record. If the
 * service stops while retrying, or its work is interrupted by the shutdown, nothing is published and the
 * record is left unacknowledged for the next start.
 */
@ApplicationScoped
public class StageProcessor {
    private static final Logger LOG = Logger.getLogger(StageProcessor.class);

    @Inject
    BrokerRetry retry;

    @Inject
    CDEventsPublisher cdEvents;

    public <I> CompletionStage<Void> process(Message<String> message, EventType inputType, Output output,
            Function<I, ReleaseId> releaseOf, Function<I, List<StageStep>> steps) {
        Decoded<I> decoded = decode(message, inputType);
        if (decoded.rejected() != null) {
            return decoded.rejected();
        }
        I input = decoded.input();
        ReleaseId release = releaseOf.apply(input);
        try {
            for (StageStep step : steps.apply(input)) {
                Object event = outcome(release, step);
                retry.publish(output, event, release);
                cdEvents.publish(event, output.source(), release);
            }
        } catch (StageStoppingException e) {
            return leftForTheNextStart(release, e);
        }
        return message.ack();
    }

    /**
     * For a stage whose work is its own broker writes (the verifier: state topic and Verified) and safe to
     * repeat: runs {@code work} until it returns ({@link BrokerRetry#untilDone}, reported as {@code write}),
     * then acknowledges. An {@link InvalidEventException} from {@code work} means the event does not fit
     * (its release says otherwise): dead-lettered with the reason.
     */
    public <I> CompletionStage<Void> processRetrying(Message<String> message, EventType inputType, String write,
            Function<I, ReleaseId> releaseOf, Consumer<I> work) {
        Decoded<I> decoded = decode(message, inputType);
        if (decoded.rejected() != null) {
            return decoded.rejected();
        }
        I input = decoded.input();
        ReleaseId release = releaseOf.apply(input);
        InvalidEventException misfit;
        try {
            misfit = retry.untilDone(write, "release " + release + ": handling " + inputType.channel(), () -> {
                try {
                    work.accept(input);
                    return null;
                } catch (InvalidEventException e) {
                    return e;
                }
            });
        } catch (StageStoppingException e) {
            return leftForTheNextStart(release, e);
        }
        if (misfit != null) {
            LOG.warnf("%s record sent to the dead-letter topic: %s", inputType.channel(), misfit.getMessage());
            return message.nack(misfit);
        }
        return message.ack();
    }

    /** The record's event, or the nack that sends a record that is not one to the dead-letter topic. */
    private record Decoded<I>(I input, CompletionStage<Void> rejected) {}

    private static <I> Decoded<I> decode(Message<String> message, EventType inputType) {
        try {
            return new Decoded<>(SlipwayMessages.decode(message, inputType), null);
        } catch (RuntimeException e) {
            LOG.warnf("%s record sent to the dead-letter topic: %s", inputType.channel(), e.getMessage());
            return new Decoded<>(null, message.nack(e));
        }
    }

    /** The service is stopping: the record is neither acknowledged nor nacked, so the next start gets it again. */
    private static CompletionStage<Void> leftForTheNextStart(ReleaseId release, StageStoppingException e) {
        LOG.infof("release %s: %s", release, e.getMessage());
        return new CompletableFuture<>();
    }

    private static Object outcome(ReleaseId release, StageStep step) {
        try {
            Object event = step.work().get();
            if (Thread.currentThread().isInterrupted()) {
                // cut short by the shutdown: what it says ("interrupted") is not the outcome; the next start redoes it
                throw new StageStoppingException(step.name() + " (interrupted)");
            }
            return event;
        } catch (StageStoppingException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "release %s %s: stopped by an unexpected error; publishing it as the step's FAILED event",
                    release, step.name());
            return step.failed().apply(e);
        }
    }
}
