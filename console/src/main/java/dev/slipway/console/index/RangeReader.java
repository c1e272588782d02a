package dev.slipway.console.index;

import dev.slipway.console.kafka.ConsoleKafka;
import dev.slipway.record.kafka.EventRecordReader;
import dev.slipway.events.InvalidEventException;
import dev.slipway.record.ReleaseEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A release's events read from where the index says they are: on each topic, only the offsets between its first
 * and last record (a release's records are close together), keeping those of the release. No group, nothing committed.
 */
public final class RangeReader implements AutoCloseable {
    private static final Duration STALL_LIMIT = Duration.ofSeconds(30);
    private final ConsoleKafka kafka;
    private KafkaConsumer<String, byte[]> consumer;

    /** A reader for one thread: its consumer is made at the first read and kept until {@link #close()}. */
    public RangeReader(ConsoleKafka kafka) {
        this.kafka = kafka;
    }

    public List<ReleaseEvent> read(IndexEntry entry) {
        if (consumer == null) {
            consumer = kafka.readOnlyConsumer("release");
        }
        List<ReleaseEvent> events = new ArrayList<>();
        for (Map.Entry<String, EventRange> range : entry.ranges().entrySet()) {
            TopicPartition partition = new TopicPartition(range.getKey(), range.getValue().partition());
            read(consumer, partition, range.getValue(), entry.releaseId(), events);
        }
        return events;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }

    private static void read(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, EventRange range,
            String releaseId, List<ReleaseEvent> events) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, range.first());
        long deadline = System.nanoTime() + STALL_LIMIT.toNanos();
        while (consumer.position(partition) <= range.last() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                if (record.offset() > range.last()) {
                    return;
                }
                if (releaseId.equals(record.key())) {
                    try {
                        events.add(EventRecordReader.decode(record));
                    } catch (InvalidEventException e) {
                        // the tailer warned about it when it read it first
                    }
                }
            }
        }
    }
}
