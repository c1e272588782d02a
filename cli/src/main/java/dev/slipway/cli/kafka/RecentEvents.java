package dev.slipway.cli.kafka;

import dev.slipway.record.ReleaseEvent;
import dev.slipway.events.EventType;
import dev.slipway.events.InvalidEventException;
import dev.slipway.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Every event written to the five topics since a time, read from the broker's time index ({@code offsetsForTimes})
 * up to the end offsets of the moment of reading, with a consumer that has no group and commits nothing.
 * Nothing written before {@code since} is read.
 */
public final class RecentEvents {
    private final KafkaClients clients;
    private final Topics topics;
    private final Consumer<String> warnings;
    private long recordsRead;

    public RecentEvents(KafkaClients clients, Topics topics, Consumer<String> warnings) {
        this.clients = clients;
        this.topics = topics;
        this.warnings = warnings;
    }

    public List<ReleaseEvent> since(Instant since) {
        List<ReleaseEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = clients.readOnlyConsumer()) {
            for (EventType type : EventType.values()) {
                List<PartitionInfo> infos = consumer.partitionsFor(topics.name(type), Duration.ofSeconds(10));
                for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
                    TopicPartition partition = new TopicPartition(info.topic(), info.partition());
                    long end = TimeIndex.endOffset(consumer, partition);
                    long start = TimeIndex.offsetAt(consumer, partition, since);
                    recordsRead += PartitionRange.read(clients.bootstrapServers(), consumer, partition, start, end, record -> {
                        try {
                            events.add(EventRecords.decode(record));
                        } catch (InvalidEventException e) {
                            warnings.accept("warning: skipped record " + record.topic() + "-" + record.partition() + "@"
                                    + record.offset() + ": " + e.getMessage());
                        }
                        return false;
                    });
                }
            }
        }
        return events;
    }

    /** How many records {@link #since} read. */
    public long recordsRead() {
        return recordsRead;
    }
}
