package dev.slipway.cli.kafka;

import dev.slipway.record.ReleaseEvent;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import dev.slipway.events.names.ReleaseId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one release's events without reading all of history, with a consumer that has no group and commits nothing.
 * Only the partition the release id is keyed to is read on each topic. The BuildRequested is found by
 * {@link RequestSearch}; each later topic is read from the request's time less {@link ReleaseRequest#SKEW} until every
 * service of the plan has an event there (verified: until the verdict), or to the end offset it had when reading began.
 */
public final class ReleaseLog {
    private final KafkaClients clients;
    private final Consumer<String> warnings;
    private final RequestSearch search;
    private final Map<EventType, Long> recordsRead = new EnumMap<>(EventType.class);

    public ReleaseLog(KafkaClients clients, Topics topics, Clock clock, Consumer<String> warnings) {
        this.clients = clients;
        this.warnings = warnings;
        this.search = new RequestSearch(clients, topics, clock, warnings);
    }

    /** The release's events, its BuildRequested first; empty when no BuildRequested of it is on the topic. */
    public Optional<List<ReleaseEvent>> read(ReleaseId id) {
        try (KafkaConsumer<String, byte[]> consumer = clients.readOnlyConsumer()) {
            Optional<ReleaseRequest> request = search.find(consumer, id);
            recordsRead.put(EventType.BUILD_REQUESTED, search.recordsRead());
            if (request.isEmpty()) {
                return Optional.empty();
            }
            List<ReleaseEvent> events = new ArrayList<>(List.of(request.get().event()));
            Instant earliest = request.get().earliestOfRelease();
            Set<String> services = new HashSet<>();
            request.get().buildRequested().plan().serviceNames().forEach(name -> services.add(name.value()));
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

    private List<ReleaseEvent> readStage(KafkaConsumer<String, byte[]> consumer, ReleaseId id, EventType type,
            Instant from, Set<String> services) {
        Optional<TopicPartition> partition = search.partitionOf(consumer, type, id);
        if (partition.isEmpty()) {
            return List.of();
        }
        TopicPartition tp = partition.get();
        long end = TimeIndex.endOffset(consumer, tp);
        long start = TimeIndex.offsetAt(consumer, tp, from);
        List<ReleaseEvent> events = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        long read = PartitionRange.read(clients.bootstrapServers(), consumer, tp, start, end, record -> {
            Optional<ReleaseEvent> event = RequestSearch.eventOf(record, id, warnings);
            event.ifPresent(events::add);
            event.flatMap(ReleaseEvent::service).ifPresent(reported::add);
            return type == EventType.VERIFIED ? event.isPresent() : reported.containsAll(services);
        });
        recordsRead.merge(type, read, Long::sum);
        return events;
    }
}
