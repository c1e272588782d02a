package dev.slipway.console.index;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/** The next offset to read on each partition of the five topics ({@code topic:partition} to offset), as the index stores it. */
public record Positions(Map<String, Long> next) {
    public Positions {
        next = Map.copyOf(next);
    }

    public static Positions none() {
        return new Positions(Map.of());
    }

    public static Positions of(Map<TopicPartition, Long> offsets) {
        Map<String, Long> next = new TreeMap<>();
        offsets.forEach((partition, offset) -> next.put(key(partition), offset));
        return new Positions(next);
    }

    /** Where to start reading {@code partition}: the stored position, else its beginning (0: the consumer moves it to the first kept offset). */
    public long startOf(TopicPartition partition) {
        return next.getOrDefault(key(partition), 0L);
    }

    private static String key(TopicPartition partition) {
        return partition.topic() + ":" + partition.partition();
    }
}
