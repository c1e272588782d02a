package dev.slipway.cli.kafka;

import dev.slipway.record.ReleaseEvent;
import dev.slipway.events.EventType;
import dev.slipway.events.InvalidEventException;
import dev.slipway.events.Topics;
import dev.slipway.events.names.ReleaseId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds a release's BuildRequested without reading all of history: only the partition the release id is keyed
 * to, searched backwards in windows of the broker's time index (the last hour, day, week, 30 days, year, then the
 * rest of what the topic keeps). Its consumer has no group and commits nothing.
 */
public final class RequestSearch {
    /** How far back from now each search window starts; after the last, the topic's beginning. */
    public static final List<Duration> WINDOWS = List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7),
            Duration.ofDays(30), Duration.ofDays(365));

    private final KafkaClients clients;
    private final Topics topics;
    private final Clock clock;
    private final Consumer<String> warnings;
    private long recordsRead;

    public RequestSearch(KafkaClients clients, Topics topics, Clock clock, Consumer<String> warnings) {
        this.clients = clients;
        this.topics = topics;
        this.clock = clock;
        this.warnings = warnings;
    }

    /** The release's request, or empty when the build-requested topic does not exist or holds no request of it. */
    public Optional<ReleaseRequest> find(KafkaConsumer<String, byte[]> consumer, ReleaseId id) {
        Optional<TopicPartition> partition = partitionOf(consumer, EventType.BUILD_REQUESTED, id);
        if (partition.isEmpty()) {
            return Optional.empty();
        }
        TopicPartition tp = partition.get();
        long beginning = TimeIndex.beginningOffset(consumer, tp);
        long upper = TimeIndex.endOffset(consumer, tp);
        Instant now = clock.instant();
        List<ReleaseRequest> found = new ArrayList<>();
        for (int window = 0; window <= WINDOWS.size() && upper > beginning && found.isEmpty(); window++) {
            long start = window < WINDOWS.size()
                    ? Math.min(upper, TimeIndex.offsetAt(consumer, tp, now.minus(WINDOWS.get(window))))
                    : beginning;
            recordsRead += read(consumer, tp, start, upper, id, found);
            upper = start;
        }
        return found.stream().findFirst();
    }

    /** The request if it is among the offsets {@code [from, to)} of the release's partition (for a release published just now). */
    public Optional<ReleaseRequest> findBetween(KafkaConsumer<String, byte[]> consumer, ReleaseId id, long from, long to) {
        Optional<TopicPartition> partition = partitionOf(consumer, EventType.BUILD_REQUESTED, id);
        if (partition.isEmpty()) {
            return Optional.empty();
        }
        List<ReleaseRequest> found = new ArrayList<>();
        recordsRead += read(consumer, partition.get(), from, to, id, found);
        return found.stream().findFirst();
    }

    /** The end offset of the release's build-requested partition now; 0 when the topic does not exist yet. */
    public long endOffset(KafkaConsumer<String, byte[]> consumer, ReleaseId id) {
        return partitionOf(consumer, EventType.BUILD_REQUESTED, id).map(tp -> TimeIndex.endOffset(consumer, tp)).orElse(0L);
    }

    public long recordsRead() {
        return recordsRead;
    }

    private long read(KafkaConsumer<String, byte[]> consumer, TopicPartition tp, long from, long to, ReleaseId id,
            List<ReleaseRequest> found) {
        return PartitionRange.read(clients.bootstrapServers(), consumer, tp, from, to, record -> {
            Optional<ReleaseEvent> event = eventOf(record, id, warnings);
            event.ifPresent(e -> found.add(new ReleaseRequest(e, Instant.ofEpochMilli(record.timestamp()),
                    record.topic(), record.partition(), record.offset())));
            return event.isPresent();
        });
    }

    /** The release's partition of the topic of {@code type}; empty when the topic does not exist. */
    public Optional<TopicPartition> partitionOf(KafkaConsumer<String, byte[]> consumer, EventType type, ReleaseId id) {
        String topic = topics.name(type);
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TopicPartition(topic, TimeIndex.partitionOf(id.value(), infos.size())));
    }

    /** The event of the release in the record, if it holds one; a record of the release that is not a valid event is warned about. */
    public static Optional<ReleaseEvent> eventOf(ConsumerRecord<String, byte[]> record, ReleaseId id, Consumer<String> warnings) {
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
}
