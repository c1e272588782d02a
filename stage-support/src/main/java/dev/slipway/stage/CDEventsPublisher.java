package dev.slipway.stage;

import dev.cdevents.models.CDEvent;
import dev.slipway.cdevents.CDEventsMapping;
import dev.slipway.cdevents.StructuredCloudEvent;
import dev.slipway.events.names.ReleaseId;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the CDEvents of a stage's output event ({@link CDEventsMapping}) on {@code slipway.cdevents.topic} when
 * {@code slipway.cdevents.enabled=true} (default off: then it does nothing, and no producer exists).
 * <p>
 * Called right after the output event is on its topic, so a CDEvents failure can neither lose nor delay the pipeline's
 * own event. Its writes are retried like the output's ({@link BrokerRetry}, reported as {@code cdevents} in the health
 * checks) before the input is acknowledged: a record redelivered after a crash publishes its CDEvents again under the
 * same ids. An event that cannot be mapped (a bug, not the broker) is logged and left without CDEvents; it never
 * stops the stage.
 */
@ApplicationScoped
public class CDEventsPublisher {
    private static final Logger LOG = Logger.getLogger(CDEventsPublisher.class);
    static final String WRITE = "cdevents";

    @ConfigProperty(name = "slipway.cdevents.enabled", defaultValue = "false")
    boolean enabled;

    @ConfigProperty(name = "slipway.cdevents.topic", defaultValue = "slipway.cdevents")
    String topicName;

    @ConfigProperty(name = "slipway.stage.reconnect-backoff-max", defaultValue = "PT1S")
    Duration reconnectBackoffMax;

    /** The service's {@code kafka.*} settings (bootstrap servers, security), as SmallRye's channels get them. */
    @Inject
    @Identifier("default-kafka-broker")
    Instance<Map<String, Object>> kafka;

    Supplier<Map<String, Object>> kafkaSettings = () -> kafka.get();

    @Inject
    BrokerRetry retry;

    private final Clock clock = Clock.systemUTC();
    volatile CDEventsTopic topic;

    /** The CDEvents of {@code event}, emitted by a stage whose CloudEvents source is {@code source}. */
    public void publish(Object event, URI source, ReleaseId release) {
        if (!enabled) {
            return;
        }
        List<byte[]> records;
        try {
            records = CDEventsMapping.of(event, source, clock.instant()).stream().map(StructuredCloudEvent::json).toList();
        } catch (RuntimeException e) {
            LOG.errorf(e, "release %s: no CDEvents for %s (it could not be mapped); the stage goes on", release,
                    event.getClass().getSimpleName());
            return;
        }
        if (records.isEmpty()) {
            return;
        }
        retry.untilDone(WRITE, "publishing " + records.size() + " CDEvents to " + topicName + " for release " + release,
                () -> {
                    topic().send(release.value(), records);
                    return null;
                });
    }

    /**
     * When on, fetches the topic's metadata at start (in the background: a broker not yet up must not hold the start),
     * so that the first record's CDEvents do not wait for it.
     */
    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            KafkaCDEventsTopic.checkName(topicName); // a wrong name stops the start, naming the setting
            CDEventsTopic target = topic();
            CompletableFuture.runAsync(target::warmUp);
        }
    }

    private CDEventsTopic topic() {
        if (topic == null) {
            synchronized (this) {
                if (topic == null) {
                    topic = new KafkaCDEventsTopic(topicName, kafkaSettings.get(), reconnectBackoffMax);
                    LOG.infof("CDEvents on: publishing every outcome's CDEvents to %s", topicName);
                }
            }
        }
        return topic;
    }

    void onStop(@Observes ShutdownEvent event) {
        if (topic instanceof KafkaCDEventsTopic kafkaTopic) {
            kafkaTopic.close();
        }
    }
}
