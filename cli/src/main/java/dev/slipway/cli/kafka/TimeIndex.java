package dev.slipway.cli.kafka;

import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/** Where records start by time on a partition (the broker's time index), and which partition a release's records are on. */
final class TimeIndex {
    private TimeIndex() {}

    /** The first offset whose record was written at or after {@code time}; the end offset when none was. */
    static long offsetAt(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, Instant time) {
        long millis = Math.max(0, time.toEpochMilli());
        OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(partition, millis)).get(partition);
        return found != null ? found.offset() : endOffset(consumer, partition);
    }

    static long endOffset(KafkaConsumer<String, byte[]> consumer, TopicPartition partition) {
        return consumer.endOffsets(java.util.List.of(partition)).get(partition);
    }

    static long beginningOffset(KafkaConsumer<String, byte[]> consumer, TopicPartition partition) {
        return consumer.beginningOffsets(java.util.List.of(partition)).get(partition);
    }

    /**
     * The partition a record keyed {@code key} goes to with Kafka's default partitioner (murmur2 of the key), as
     * every stage and the CLI write them: a release's events are all on this partition of each topic.
     */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
    }
}
