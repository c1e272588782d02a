package dev.slipway.cli.kafka;

import dev.slipway.record.ReleaseEvent;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.EventType;
import dev.slipway.events.InvalidEventException;
import dev.slipway.events.Topics;
import dev.slipway.events.names.ReleaseId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one release's events without reading all of history, with a consumer that has no group and commits nothing.
 * Only the partition the release id is keyed to is read on each topic. The BuildRequested is searched backwards in
 * windows of the broker's time index (the last hour, day, week, 30 days, year, then the rest of what the topic
 * keeps); each later topic is read from the request's time less {@link #SKEW} until every service of the plan has
 * an event there (verified: until the verdict), or to the end offset it had when reading began.
 */
public final class ReleaseLog {
    /** How far back from now each search window of build-requested starts; after the last, the topic's beginning. */
    public static final List<Duration> WINDOWS = List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7),
            Duration.ofDays(30), Duration.ofDays(365));
    /** Records of later stages are looked for from this long before the request (clocks of producers differ). */
    public static final Duration SKEW = Duration.ofMinutes(5);

    private final KafkaClients clients;
    private final Topics topics;
    private final Clock clock;
    private final Consumer<String> warnings;
    private final Map<EventType, Long> recordsRead = new EnumMap<>(EventType.class);

    public ReleaseLog(KafkaClients clients, Topics topics, Clock clock, Consumer<String> warnings) {
        this.clients = clients;
        this.topics = topics;
        this.clock = clock;
        this.warnings = warnings;
    }

    /** The release's events, its BuildRequested first; empty when no BuildRequested of it is on the topic. */
    public Optional<List<ReleaseEvent>> read(ReleaseId id) {
        try (KafkaConsumer<String, byte[]> consumer = clients.readOnlyConsumer()) {
            Optional<Found> request = findRequest(consumer, id);
            if (request.isEmpty()) {
                return Optional.empty();
            }
            List<ReleaseEvent> events = new ArrayList<>(List.of(request.get().event()));
            BuildRequested buildRequested = request.get().event().as(BuildRequested.class);
            Instant earliest = min(buildRequested.requestedAt(), request.get().recordTime()).minus(SKEW);
            Set<String> services = new HashSet<>();
            buildRequested.plan().serviceNames().forEach(name -> services.add(name.value()));
            for (EventType type : EventType.values()) {
                if (type != EventType.BUILD_REQUESTED) {
                    events.addAll(readStage(consumer, id, type, earliest, services));
                }
            }
            return Optional.of(events);
        }
    }

    /** How many records were read on each topic, for saying how much an audit cost. */
    public Map<EventType, Long> recordsRead() {
        return Map.copyOf(recordsRead);
    }

    private record Found(ReleaseEvent event, Instant recordTime) {}

    private Optional<Found> findRequest(KafkaConsumer<String, byte[]> consumer, ReleaseId id) {
        Optional<TopicPartition> partition = partition(consumer, EventType.BUILD_REQUESTED, id);
        if (partition.isEmpty()) {
            return Optional.empty();
        }
        TopicPartition tp = partition.get();
        long beginning = TimeIndex.beginningOffset(consumer, tp);
        long upper = TimeIndex.endOffset(consumer, tp);
        Instant now = clock.instant();
        List<Found> found = new ArrayList<>();
        for (int window = 0; window <= WINDOWS.size() && upper > beginning && found.isEmpty(); window++) {
            long start = window < WINDOWS.size() ? Math.min(upper, TimeIndex.offsetAt(consumer, tp, now.minus(WINDOWS.get(window))))
                    : beginning;
            count(EventType.BUILD_REQUESTED, PartitionRange.read(clients.bootstrapServers(), consumer, tp, start, upper, record -> {
                Optional<ReleaseEvent> event = eventOf(record, id);
                event.ifPresent(e -> found.add(new Found(e, Instant.ofEpochMilli(record.timestamp()))));
                return event.isPresent();
            }));
            upper = start;
        }
        return found.stream().findFirst();
    }

    private List<ReleaseEvent> readStage(KafkaConsumer<String, byte[]> consumer, ReleaseId id, EventType type,
            Instant from, Set<String> services) {
        Optional<TopicPartition> partition = partition(consumer, type, id);
        if (partition.isEmpty()) {
            return List.of();
        }
        TopicPartition tp = partition.get();
        long end = TimeIndex.endOffset(consumer, tp);
        long start = TimeIndex.offsetAt(consumer, tp, from);
        List<ReleaseEvent> events = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        count(type, PartitionRange.read(clients.bootstrapServers(), consumer, tp, start, end, record -> {
            Optional<ReleaseEvent> event = eventOf(record, id);
            event.ifPresent(events::add);
            event.flatMap(ReleaseEvent::service).ifPresent(reported::add);
            return type == EventType.VERIFIED ? event.isPresent() : reported.containsAll(services);
        }));
        return events;
    }

    /** The event of the release in the record, if it holds one; a record of the release that is not a valid event is warned about. */
    private Optional<ReleaseEvent> eventOf(ConsumerRecord<String, byte[]> record, ReleaseId id) {
        String owner = EventRecords.releaseOf(record);
        if (owner != null && !owner.equals(id.value())) {
            return Optional.empty();
        }
        try {
            ReleaseEvent event = EventRecords.decode(record);
            return id.value().equals(event.subject()) ? Optional.of(event) : Optional.empty();
        } catch (InvalidEventException e) {
            warnings.accept("warning: skipped record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<TopicPartition> partition(KafkaConsumer<String, byte[]> consumer, EventType type, ReleaseId id) {
        String topic = topics.name(type);
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TopicPartition(topic, TimeIndex.partitionOf(id.value(), infos.size())));
    }

    private void count(EventType type, long read) {
        recordsRead.merge(type, read, Long::sum);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
