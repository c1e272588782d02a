package dev.slipway.cli.watch;

import dev.slipway.cli.kafka.EventRecords;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.record.ReleaseEvent;
import dev.slipway.events.EventType;
import dev.slipway.events.InvalidEventException;
import dev.slipway.events.Topics;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows one release through the five topics with its own consumer: partitions assigned by hand and
 * read from the beginning, no consumer group, nothing committed, so watching changes nothing. Stops
 * at the release's Verified, once everything written before it has been read too.
 */
public final class ReleaseWatcher {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TOPIC_REFRESH = Duration.ofSeconds(1);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(3);

    /** What the watcher reports as it reads. */
    public interface Listener {
        void onEvent(ReleaseEvent event);

        void onInvalidRecord(String topic, int partition, long offset, String reason);
    }

    private final KafkaClients clients;
    private final Topics topics;
    private final Clock clock;

    public ReleaseWatcher(KafkaClients clients, Topics topics, Clock clock) {
        this.clients = clients;
        this.topics = topics;
        this.clock = clock;
    }

    /** The release's Verified event, or empty when it did not arrive within {@code timeout}. */
    public Optional<Verified> watch(ReleaseId releaseId, Duration timeout, Listener listener) {
        Instant deadline = clock.instant().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer = clients.readOnlyConsumer()) {
            Assignment assignment = new Assignment(consumer);
            Set<String> seen = new HashSet<>();
            Verified verified = null;
            while (verified == null && clock.instant().isBefore(deadline)) {
                assignment.refreshIfDue();
                if (!assignment.hasPartitions()) {
                    pause();
                    continue;
                }
                verified = handle(consumer.poll(POLL), releaseId, listener, seen);
            }
            if (verified != null) {
                drain(consumer, releaseId, listener, seen);
            }
            return Optional.ofNullable(verified);
        }
    }

    /** Reads what was already written when the verdict arrived, so no stage line is missing from the output. */
    private void drain(KafkaConsumer<String, byte[]> consumer, ReleaseId releaseId, Listener listener, Set<String> seen) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        Instant limit = clock.instant().plus(DRAIN_LIMIT);
        while (clock.instant().isBefore(limit)
                && ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            handle(consumer.poll(POLL), releaseId, listener, seen);
        }
    }

    /** Reports each event of the release once: a record repeating an event already seen (same source and id) is skipped. */
    private Verified handle(Iterable<ConsumerRecord<String, byte[]>> polled, ReleaseId releaseId, Listener listener,
            Set<String> seen) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        polled.forEach(records::add);
        records.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        Verified verified = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            String owner = EventRecords.releaseOf(record);
            if (owner != null && !owner.equals(releaseId.value())) {
                continue;
            }
            try {
                ReleaseEvent event = EventRecords.decode(record);
                if (!releaseId.value().equals(event.subject())) {
                    continue;
                }
                String identity = EventRecords.identityOf(record);
                if (identity != null && !seen.add(identity)) {
                    continue;
                }
                listener.onEvent(event);
                if (event.type() == EventType.VERIFIED) {
                    verified = event.as(Verified.class);
                }
            } catch (InvalidEventException e) {
                listener.onInvalidRecord(record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
        return verified;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the release's topics", e);
        }
    }

    /** The partitions of the five topics; topics that do not exist yet are looked up again every second. */
    private final class Assignment {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Set<String> missing = new LinkedHashSet<>();
        private final Set<TopicPartition> partitions = new HashSet<>();
        private Instant nextRefresh = Instant.MIN;

        Assignment(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
            for (EventType type : EventType.values()) {
                missing.add(topics.name(type));
            }
        }

        boolean hasPartitions() {
            return !partitions.isEmpty();
        }

        void refreshIfDue() {
            if (missing.isEmpty() || clock.instant().isBefore(nextRefresh)) {
                return;
            }
            nextRefresh = clock.instant().plus(TOPIC_REFRESH);
            Set<TopicPartition> added = new HashSet<>();
            for (String topic : List.copyOf(missing)) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    infos.forEach(info -> added.add(new TopicPartition(info.topic(), info.partition())));
                    missing.remove(topic);
                }
            }
            if (!added.isEmpty()) {
                partitions.addAll(added);
                consumer.assign(partitions);
                consumer.seekToBeginning(added);
            }
        }
    }
}
