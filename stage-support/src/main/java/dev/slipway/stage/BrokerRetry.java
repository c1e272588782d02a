package dev.slipway.stage;

import dev.slipway.events.messaging.SlipwayMessages;
import dev.slipway.events.names.ReleaseId;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Broker writes that must happen before a record is acknowledged: tried until they succeed, waiting
 * longer after each failure (100 ms doubling to {@code slipway.stage.retry-max-wait}, default 5 s),
 * with {@link BrokerHealth} saying meanwhile what fails. A write never gives up and never sends the
 * valid input to the dead-letter topic; only a shutdown ends the attempts after a failed one
 * ({@link StageStoppingException}), leaving the record to the next start.
 */
@ApplicationScoped
public class BrokerRetry {
    private static final Logger LOG = Logger.getLogger(BrokerRetry.class);

    @Inject
    BrokerHealth health;

    @ConfigProperty(name = "slipway.stage.retry-max-wait", defaultValue = "PT5S")
    Duration maxWait;

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Publishes {@code event} on {@code output} and returns once the broker has it. */
    public void publish(Output output, Object event, ReleaseId releaseId) {
        untilDone(output.channel(), "publishing to " + output.channel() + " for release " + releaseId, () -> {
            output.emitter().sendMessageAndAwait(SlipwayMessages.outgoing(event, releaseId, output.source()));
            return null;
        });
    }

    /**
     * Runs {@code action} until it returns. {@code write} names the kind of write for the health checks
     * (a channel, a state topic); {@code what} says what is being done, for the log.
     */
    public <T> T untilDone(String write, String what, Supplier<T> action) {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), maxWait);
        for (int attempt = 1; ; attempt++) {
            // the first attempt is made also while stopping: work that finished in the shutdown's grace is published
            if (stopping && attempt > 1) {
                throw new StageStoppingException(what);
            }
            try {
                T result = action.get();
                if (attempt > 1) {
                    LOG.infof("%s succeeded after %d attempts", what, attempt);
                }
                health.succeeded(write);
                return result;
            } catch (StageStoppingException e) {
                throw e;
            } catch (RuntimeException e) {
                health.failed(write, e);
                Duration wait = backoff.after(attempt);
                if (attempt == 1 || Integer.bitCount(attempt) == 1) {
                    LOG.warnf("%s failed (attempt %d): %s; trying again in %d ms; the service reports itself not ready"
                            + " until it succeeds", what, attempt, health.describeFailure(e), wait.toMillis());
                }
                sleep(wait, what);
            }
        }
    }

    private void sleep(Duration wait, String what) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageStoppingException(what);
        }
    }
}
