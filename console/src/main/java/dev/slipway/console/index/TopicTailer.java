package dev.slipway.console.index;

import dev.slipway.console.kafka.ConsoleKafka;
import dev.slipway.record.kafka.EventRecordReader;
import dev.slipway.events.EventType;
import dev.slipway.events.InvalidEventException;
import dev.slipway.events.Topics;
import dev.slipway.record.HistoryRow;
import dev.slipway.record.RecordAssembler;
import dev.slipway.record.ReleaseEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Keeps the index up to date: loads it from the index topic, then reads the five topics from the positions it
 * stored (from their beginning the first time), with one consumer that has no group and commits nothing. After
 * each poll, every release that got an event is re-assembled ({@link RecordAssembler}), written to the index topic
 * with the new positions, and announced. Partitions appearing later (a topic created after the console started)
 * are picked up every {@link #DISCOVER_EVERY}.
 */
public final class TopicTailer {
    static final Duration DISCOVER_EVERY = Duration.ofSeconds(2);
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(TopicTailer.class);

    private final ConsoleKafka kafka;
    private final Topics topics;
    private final IndexStore store;
    private final ReleaseIndex index;
    private final RecentReleaseEvents recent;
    private final RangeReader ranges;
    private final Consumer<IndexEntry> announce;
    private final Consumer<ReadyReport> onReady;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean stopped;

    public TopicTailer(ConsoleKafka kafka, Topics topics, IndexStore store, ReleaseIndex index, RecentReleaseEvents recent,
            Consumer<IndexEntry> announce, Consumer<ReadyReport> onReady) {
        this.kafka = kafka;
        this.topics = topics;
        this.store = store;
        this.index = index;
        this.recent = recent;
        this.ranges = new RangeReader(kafka); // used on this thread only
        this.announce = announce;
        this.onReady = onReady;
    }

    /** Loads the index, then reads the topics until {@link #stop()}. */
    public void run() {
        long started = System.nanoTime();
        try (KafkaConsumer<String, byte[]> tail = kafka.readOnlyConsumer("tail")) {
            consumer = tail;
            store.ensureTopic();
            IndexStore.Loaded loaded = store.load();
            index.putAll(loaded.entries());
            Positions stored = loaded.positions();
            List<TopicPartition> assigned = assign(tail, stored, List.of());
            Map<TopicPartition, Long> readyAt = tail.endOffsets(assigned);
            long read = 0;
            boolean ready = false;
            long discoveredAt = System.nanoTime();
            while (!stopped) {
                if (!ready && caughtUp(tail, readyAt)) {
                    ready = true;
                    ReadyReport report = new ReadyReport(index.listedCount(), (System.nanoTime() - started) / 1_000_000,
                            loaded.entries().size(), read);
                    LOG.info(report.logLine());
                    dropFinished();
                    onReady.accept(report);
                }
                if (System.nanoTime() - discoveredAt > DISCOVER_EVERY.toNanos()) {
                    assigned = assign(tail, stored, assigned);
                    discoveredAt = System.nanoTime();
                }
                if (assigned.isEmpty()) { // no topic yet: the pipeline has not published anything
                    waitFor(DISCOVER_EVERY);
                    continue;
                }
                ConsumerRecords<String, byte[]> records = tail.poll(Duration.ofMillis(ready ? 500 : 100));
                if (!records.isEmpty()) {
                    read += records.count();
                    apply(records);
                    if (ready) {
                        dropFinished();
                    }
                    store.save(takeChanged(), Positions.of(positionsOf(tail, assigned)));
                }
            }
        } catch (WakeupException e) {
            if (!stopped) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "the console stopped reading the topics: %s", e.getMessage());
            throw e;
        }
    }

    private final Map<String, IndexEntry> changed = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();

    /**
     * Forgets the events of the releases that reached their verdict (their page is rebuilt from their ranges, as is
     * their record should a late redelivery come). Not while catching up: the topics are read side by side, so a
     * release's verdict can be read before its other events, and each of those would then cost a read of its ranges.
     */
    private void dropFinished() {
        finished.forEach(recent::remove);
        finished.clear();
    }

    private List<IndexEntry> takeChanged() {
        List<IndexEntry> result = new ArrayList<>(changed.values());
        changed.clear();
        return result;
    }

    /** Records the batch in the index: each record's position under its release, then each touched release re-assembled. */
    private void apply(ConsumerRecords<String, byte[]> records) {
        Map<String, List<ReleaseEvent>> added = new LinkedHashMap<>();
        Set<String> known = new HashSet<>(); // releases with records before this batch
        for (ConsumerRecord<String, byte[]> record : records) {
            ReleaseEvent event;
            try {
                event = EventRecordReader.decode(record);
            } catch (InvalidEventException e) {
                LOG.warnf("skipped record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
                continue;
            }
            String id = event.subject();
            IndexEntry entry = changed.containsKey(id) ? changed.get(id) : index.get(id).orElse(IndexEntry.empty(id));
            // a release known from before this batch whose events are not in memory: read them once, before its first
            // record of the batch (its later records in the batch are in `added`, not yet in `recent`)
            if (!added.containsKey(id) && !entry.ranges().isEmpty()) {
                known.add(id);
                if (!recent.contains(id)) {
                    recent.put(id, ranges.read(entry));
                }
            }
            changed.put(id, entry.withRecord(record.topic(), record.partition(), record.offset()));
            added.computeIfAbsent(id, k -> new ArrayList<>()).add(event);
        }
        added.forEach((id, events) -> {
            List<ReleaseEvent> all;
            if (known.contains(id) && !recent.contains(id)) {
                // its earlier events were read above but pushed out of memory by other releases of this batch since:
                // read them again with this batch's, which the entry's ranges now cover too
                all = ranges.read(changed.get(id));
                recent.put(id, all);
            } else {
                events.forEach(event -> recent.add(id, event));
                all = recent.get(id).orElse(events);
            }
            var record = RecordAssembler.assemble(id, all);
            HistoryRow summary = record.request() == null ? null : HistoryRow.of(record);
            IndexEntry entry = changed.get(id).withSummary(summary,
                    record.request() == null ? List.of() : record.request().services());
            changed.put(id, entry);
            index.put(entry);
            if (record.outcome().finished()) {
                finished.add(id);
            }
            announce.accept(entry);
        });
    }

    /** Assigns every partition of the five topics that exists now; the new ones start at their stored position. */
    private List<TopicPartition> assign(KafkaConsumer<String, byte[]> tail, Positions stored, List<TopicPartition> current) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (EventType type : EventType.values()) {
            List<PartitionInfo> infos = tail.partitionsFor(topics.name(type), Duration.ofSeconds(10));
            for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        if (Set.copyOf(partitions).equals(Set.copyOf(current))) {
            return current;
        }
        tail.assign(partitions);
        for (TopicPartition partition : partitions) {
            if (!current.contains(partition)) {
                tail.seek(partition, stored.startOf(partition));
            }
        }
        return partitions;
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> tail, Map<TopicPartition, Long> readyAt) {
        return readyAt.entrySet().stream().allMatch(e -> tail.position(e.getKey()) >= e.getValue());
    }

    private static Map<TopicPartition, Long> positionsOf(KafkaConsumer<String, byte[]> tail, List<TopicPartition> assigned) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        assigned.forEach(partition -> positions.put(partition, tail.position(partition)));
        return positions;
    }

    private void waitFor(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    /**
     * Runs until {@link #stop()}; when reading fails (the broker gone), starts again from the index after
     * {@link #RETRY_AFTER}. Closes the index store at the end.
     */
    public void runUntilStopped() {
        while (!stopped) {
            try {
                run();
            } catch (RuntimeException e) {
                if (!stopped) {
                    LOG.warnf("reading again from the index in %d s", RETRY_AFTER.toSeconds());
                    waitFor(RETRY_AFTER);
                }
            }
        }
        ranges.close();
        store.close();
    }

    public void stop() {
        stopped = true;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }
}
