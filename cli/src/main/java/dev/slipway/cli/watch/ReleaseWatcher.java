package dev.slipway.cli.watch;

import dev.slipway.cli.kafka.EventRecords;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.kafka.ReleaseRequest;
import dev.slipway.cli.kafka.RequestSearch;
import dev.slipway.record.ReleaseEvent;
import dev.slipway.events.EventType;
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
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows one release through the five topics with its own consumer: no consumer group, nothing committed, so
 * watching changes nothing. It first finds the release's BuildRequested ({@link RequestSearch}: the release's
 * partition only, newest records first), waiting up to {@link #REQUEST_GRACE} for one published just now; then it
 * reads only the release's partition of each later topic, from the request's time on (the broker's time index), so
 * it starts as fast with 10,000 past releases on the topics as with none. Stops at the release's Verified, once
 * everything written before it has been read too.
 */
public final class ReleaseWatcher {
    /** How long an id with no BuildRequested on the topic is waited for before it is reported unknown. */
    public static final Duration REQUEST_GRACE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TOPIC_REFRESH = Duration.ofSeconds(1);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(3);
    private static final List<EventType> LATER_STAGES = List.of(EventType.IMAGE_BUILT, EventType.IMAGE_DISTRIBUTED,
            EventType.ROLLOUT_DONE, EventType.VERIFIED);

    /** What the watcher reports as it reads. */
    public interface Listener {
        void onEvent(ReleaseEvent event);

        /** A record of the release that is not a valid event (said once per record; watching goes on). */
        void onWarning(String warning);
    }

    private final KafkaClients clients;
    private final Topics topics;
    private final Clock clock;

    public ReleaseWatcher(KafkaClients clients, Topics topics, Clock clock) {
        this.clients = clients;
        this.topics = topics;
        this.clock = clock;
    }

    /**
     * The release's Verified event, or empty when it did not arrive within {@code timeout};
     * {@link ReleaseNotFoundException} when the release was never requested.
     */
    public Optional<Verified> watch(ReleaseId releaseId, Duration timeout, Listener listener) throws ReleaseNotFoundException {
        Instant deadline = clock.instant().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer = clients.readOnlyConsumer()) {
            RequestSearch search = new RequestSearch(clients, topics, clock, listener::onWarning);
            ReleaseRequest request = request(consumer, search, releaseId, deadline);
            listener.onEvent(request.event());
            Assignment assignment = new Assignment(consumer, search, releaseId, request.earliestOfRelease());
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

    /** The release's request: searched in what the topic holds, then waited for a little in case it is being published. */
    private ReleaseRequest request(KafkaConsumer<String, byte[]> consumer, RequestSearch search, ReleaseId id,
            Instant deadline) throws ReleaseNotFoundException {
        long from = search.endOffset(consumer, id);
        Optional<ReleaseRequest> found = search.find(consumer, id);
        Instant graceEnd = min(clock.instant().plus(REQUEST_GRACE), deadline);
        while (found.isEmpty() && clock.instant().isBefore(graceEnd)) {
            pause();
            long to = search.endOffset(consumer, id);
            found = search.findBetween(consumer, id, from, to);
            from = to;
        }
        return found.orElseThrow(() -> new ReleaseNotFoundException("no release " + id + " on "
                + topics.name(EventType.BUILD_REQUESTED) + " at " + clients.bootstrapServers() + " ("
                + search.recordsRead() + " records of its partition read, and none arrived in "
                + Duration.between(graceEnd.minus(REQUEST_GRACE), graceEnd).toSeconds()
                + " s): check the id slipway release printed, --bootstrap-servers and --topic"));
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
            Optional<ReleaseEvent> event = RequestSearch.eventOf(record, releaseId, listener::onWarning);
            if (event.isEmpty()) {
                continue;
            }
            String identity = EventRecords.identityOf(record);
            if (identity != null && !seen.add(identity)) {
                continue;
            }
            listener.onEvent(event.get());
            if (event.get().type() == EventType.VERIFIED) {
                verified = event.get().as(Verified.class);
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

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * The release's partition of each later stage's topic, positioned at the first record written since the
     * release's earliest time; topics that do not exist yet are looked up again every second.
     */
    private final class Assignment {
        private final KafkaConsumer<String, byte[]> consumer;
        private final RequestSearch search;
        private final ReleaseId releaseId;
        private final Instant from;
        private final Set<EventType> missing = new LinkedHashSet<>(LATER_STAGES);
        private final Set<TopicPartition> partitions = new HashSet<>();
        private Instant nextRefresh = Instant.MIN;

        Assignment(KafkaConsumer<String, byte[]> consumer, RequestSearch search, ReleaseId releaseId, Instant from) {
            this.consumer = consumer;
            this.search = search;
            this.releaseId = releaseId;
            this.from = from;
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
            for (EventType type : List.copyOf(missing)) {
                search.partitionOf(consumer, type, releaseId).ifPresent(partition -> {
                    added.add(partition);
                    missing.remove(type);
                });
            }
            if (added.isEmpty()) {
                return;
            }
            partitions.addAll(added);
            consumer.assign(partitions);
            Map<TopicPartition, Long> times = new java.util.HashMap<>();
            added.forEach(partition -> times.put(partition, Math.max(0, from.toEpochMilli())));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times);
            Map<TopicPartition, Long> ends = consumer.endOffsets(added);
            for (TopicPartition partition : added) {
                OffsetAndTimestamp start = starts.get(partition);
                consumer.seek(partition, start != null ? start.offset() : ends.get(partition));
            }
        }
    }
}
