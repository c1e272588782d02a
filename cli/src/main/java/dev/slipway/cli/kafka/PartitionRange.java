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
    /** How long a read may go without its position moving before the broker counts as lost. */
    static final Duration STALL_LIMIT = Duration.ofSeconds(30);

    private PartitionRange() {}

    /**
     * Hands each record of {@code [from, to)} to {@code handler} until it answers true (stop); returns the number
     * of records read. Throws {@link BrokerUnreachableException} when the position does not move for
     * {@link #STALL_LIMIT}.
     */
    static long read(String bootstrapServers, KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long from, long to,
            Predicate<ConsumerRecord<String, byte[]>> handler) {
        if (from >= to) {
            return 0;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long read = 0;
        long last = -1;
        long movedAt = System.nanoTime();
        long position;
        while ((position = consumer.position(partition)) < to) {
            if (position != last) {
                last = position;
                movedAt = System.nanoTime();
            } else if (System.nanoTime() - movedAt > STALL_LIMIT.toNanos()) {
                throw new BrokerUnreachableException(bootstrapServers, "reading " + partition + " made no progress at offset "
                        + position + " for " + STALL_LIMIT.toSeconds() + " s");
            }
            List<ConsumerRecord<String, byte[]>> records = consumer.poll(POLL).records(partition);
            for (ConsumerRecord<String, byte[]> record : records) {
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
