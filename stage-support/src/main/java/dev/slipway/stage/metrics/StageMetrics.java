package dev.slipway.stage.metrics;

import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import dev.slipway.stage.StageStep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What every stage records about its records and events: each incoming record's time from arrival to
 * acknowledgement, records dead-lettered and in progress (by topic), and the outcome of each event the
 * stage publishes. Used by the services' channel adapters around {@link dev.slipway.stage.StageProcessor}:
 * {@code processor.process(metrics.tracked(message, type), ..., metrics.counted(step))}. The {@code stage}
 * label is added to every meter by {@link StageMeterFilters}.
 */
@ApplicationScoped
public class StageMetrics {
    private static final List<Duration> SLOS = List.of(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30));

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();

    @Inject
    public StageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Starts this stage's counters at zero, for its input topic and every outcome of its output, so that a
     * first FAILED or dead letter after a start shows as an increase (Prometheus sees no increase in a
     * series that appears at 1).
     */
    public void expect(EventType input, Class<?> outputEvent) {
        expect(input);
        EventOutcomes.possible(outputEvent).forEach(this::outcomeCounter);
    }

    /** As {@link #expect(EventType, Class)} for a stage whose output is not an outcome event. */
    public void expect(EventType input) {
        String topic = Topics.defaultName(input);
        deadLettered(topic);
        inProgress(topic);
        duration(topic);
    }

    /**
     * The record, with its acknowledgement and its nack (which dead-letters it) recorded: the time from
     * now (its arrival) to its acknowledgement, one dead letter for its topic, and meanwhile one record in progress.
     */
    public <T> Message<T> tracked(Message<T> message, EventType input) {
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getTopic).orElse(Topics.defaultName(input));
        Timer.Sample arrival = Timer.start(registry);
        AtomicInteger open = inProgress(topic);
        open.incrementAndGet();
        return message
                .withAckWithMetadata(metadata -> {
                    open.decrementAndGet();
                    arrival.stop(duration(topic));
                    return message.ack(metadata);
                })
                .withNackWithMetadata((reason, metadata) -> {
                    open.decrementAndGet();
                    deadLettered(topic).increment();
                    return message.nack(reason, metadata);
                });
    }

    /** The step, with the outcome of the event it produces (its work's, or its FAILED one) counted. */
    public StageStep counted(StageStep step) {
        return StageStep.of(step.name(), () -> outcome(step.work().get()), error -> outcome(step.failed().apply(error)));
    }

    /** Counts the event's outcome and returns the event. */
    public <E> E outcome(E event) {
        outcomeCounter(EventOutcomes.of(event)).increment();
        return event;
    }

    private Counter outcomeCounter(String outcome) {
        return Counter.builder(MetricNames.STAGE_OUTCOMES).description("Events the stage published, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private Counter deadLettered(String topic) {
        return Counter.builder(MetricNames.DEAD_LETTERED).description("Records sent to the dead-letter topic, by input topic")
                .tag("topic", topic).register(registry);
    }

    private Timer duration(String topic) {
        return Timer.builder(MetricNames.STAGE_DURATION)
                .description("From a record's arrival at the stage to its outputs published and the record acknowledged")
                .tag("topic", topic).serviceLevelObjectives(SLOS.toArray(Duration[]::new))
                .register(registry);
    }

    private AtomicInteger inProgress(String topic) {
        return inProgress.computeIfAbsent(topic, t -> registry.gauge(MetricNames.IN_PROGRESS,
                List.of(io.micrometer.core.instrument.Tag.of("topic", t)), new AtomicInteger()));
    }
}
