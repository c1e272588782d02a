package dev.slipway.verifier.messaging;

import dev.slipway.verifier.config.VerifierConfig;
import dev.slipway.verifier.stage.VerificationStage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Every {@code slipway.verifier.deadline-check-interval}, gives the releases still waiting past their
 * deadline their FAILED verdict ({@link VerificationStage#expireOverdue}) and drops finished releases older than
 * {@code slipway.verifier.keep-finished} from the state ({@link VerificationStage#forgetFinished}). A failure (the broker away) is
 * logged and tried again at the next tick: each step is saved before the next, so nothing is sent twice.
 */
@ApplicationScoped
public class DeadlineTimer {
    private static final Logger LOG = Logger.getLogger(DeadlineTimer.class);

    @Inject
    VerificationStage stage;

    @Inject
    VerifierConfig config;

    @Inject
    Clock clock;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "slipway-verifier-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.deadlineCheckInterval().toMillis();
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void tick() {
        try {
            int expired = stage.expireOverdue(clock.instant());
            if (expired > 0) {
                LOG.infof("%d release(s) past their deadline given a FAILED verdict", expired);
            }
            int forgotten = stage.forgetFinished(clock.instant());
            if (forgotten > 0) {
                LOG.infof("%d finished release(s) older than slipway.verifier.keep-finished (%s) dropped from the state",
                        forgotten, config.keepFinished());
            }
        } catch (RuntimeException e) {
            LOG.warnf("looking for releases past their deadline failed (tried again in %s): %s",
                    config.deadlineCheckInterval(), e.getMessage());
        }
    }
}
