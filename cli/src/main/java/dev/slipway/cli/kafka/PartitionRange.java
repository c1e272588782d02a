package dev.slipway.cli.kafka;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one partition from one offset up to (not including) another, in offset order, with a consumer that has
 * no group: assigned by hand, positioned with seek, nothing committed.
 */
final class PartitionRange {
    private static final Duration POLL = Duration.ofMillis(200);

    private PartitionRange() {}

    /**
     * Hands each record of {@code [from, to)} to {@code handler} until it answers true (stop); returns the number
     * of records read.
     */
    static long read(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long from, long to,
            Predicate<ConsumerRecord<String, byte[]>> handler) {
        if (from >= to) {
            return 0;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long read = 0;
        while (consumer.position(partition) < to) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL).records(partition)) {
                if (record.offset() >= to) {
                    return read;
                }
                read++;
                if (handler.test(record)) {
                    return read;
                }
            }
        }
        return read;
    }
}
