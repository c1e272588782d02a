package dev.slipway.stage;

import dev.slipway.events.EventCodec;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/**
 * Warms the event codec while the stage starts ({@link EventCodec#warmUp()}), before its channels receive
 * anything: without it the first record of each stage took 0.7-1.7 s from poll to "received", most of it
 * loading the schemas and building the validators and deserializers. Runs before SmallRye starts the channels.
 */
@ApplicationScoped
public class EventCodecWarmUp {
    private static final Logger LOG = Logger.getLogger(EventCodecWarmUp.class);

    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 1) StartupEvent event) {
        long started = System.nanoTime();
        EventCodec.instance().warmUp();
        LOG.debugf("event codec warmed up in %d ms", (System.nanoTime() - started) / 1_000_000);
    }
}
