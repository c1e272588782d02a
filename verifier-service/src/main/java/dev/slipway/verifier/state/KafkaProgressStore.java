package dev.slipway.verifier.state;

import dev.slipway.events.names.InvalidNameException;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.verifier.decision.ReleaseProgress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Progress kept in a compacted Kafka topic (key = release id, value = {@link ProgressCodec} JSON).
 * {@link #open} reads the topic to its end to rebuild memory before the first RolloutDone is
 * handled; {@link #save} writes with {@code acks=all} and waits, so the input is acknowledged only
 * after its effect is durable. Reads catch up with the topic first, so a record written by another
 * verifier instance (after a partition moved) is seen too.
 */
public final class KafkaProgressStore implements ProgressStore, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KafkaProgressStore.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final ProgressCodec codec = new ProgressCodec();
    private final Map<ReleaseId, ReleaseProgress> releases = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> reader;
    private final KafkaProducer<String, String> writer;

    private KafkaProgressStore(Map<String, Object> kafka, String topic) {
        this.topic = topic;
        this.reader = new KafkaConsumer<>(readerConfig(kafka), new StringDeserializer(), new StringDeserializer());
        this.writer = new KafkaProducer<>(writerConfig(kafka), new StringSerializer(), new StringSerializer());
    }

    /**
     * Opens the store on {@code topic} (created compacted if missing) and reads it to the end.
     * {@code kafka} holds the client settings ({@code bootstrap.servers} and any security settings).
     */
    public static KafkaProgressStore open(Map<String, Object> kafka, String topic) {
        int partitions = CompactedTopic.ensure(kafka, topic);
        KafkaProgressStore store = new KafkaProgressStore(kafka, topic);
        try {
            store.assignAll(partitions);
            int read = store.catchUp();
            LOG.infof("verifier state: read %d records from %s, %d releases known", read, topic, store.releases.size());
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public synchronized ReleaseProgress progress(ReleaseId release) {
        catchUp();
        return releases.getOrDefault(release, ReleaseProgress.none(release));
    }

    @Override
    public synchronized List<ReleaseProgress> unfinished() {
        catchUp();
        return releases.values().stream().filter(progress -> !progress.emitted()).toList();
    }

    @Override
    public synchronized List<ReleaseProgress> finished() {
        catchUp();
        return releases.values().stream().filter(ReleaseProgress::emitted).toList();
    }

    @Override
    public synchronized void save(ReleaseProgress progress) {
        write(progress.releaseId(), codec.encode(progress));
        releases.put(progress.releaseId(), progress);
    }

    @Override
    public synchronized void forget(ReleaseId release) {
        write(release, null);
        releases.remove(release);
    }

    /** Writes {@code value} (null: a tombstone) under the release's key and waits until the broker has it. */
    private void write(ReleaseId release, String value) {
        String key = release.value();
        try {
            writer.send(new ProducerRecord<>(topic, key, value)).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot save the progress of release " + key + " to " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not confirm the progress of release " + key + " on " + topic
                    + " within 60s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving the progress of release " + key, e);
        }
    }

    @Override
    public synchronized void close() {
        reader.close();
        writer.close();
    }

    private void assignAll(int partitions) {
        List<TopicPartition> assigned = IntStream.range(0, partitions)
                .mapToObj(partition -> new TopicPartition(topic, partition))
                .toList();
        reader.assign(assigned);
        reader.seekToBeginning(assigned);
    }

    /** Reads every record up to the topic's current end; returns how many. */
    private int catchUp() {
        Map<TopicPartition, Long> end = reader.endOffsets(reader.assignment(), Duration.ofSeconds(30));
        int read = 0;
        while (behind(end)) {
            for (ConsumerRecord<String, String> record : reader.poll(POLL)) {
                apply(record);
                read++;
            }
        }
        return read;
    }

    private boolean behind(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (reader.position(partition.getKey()) < partition.getValue()) {
                return true;
            }
        }
        return false;
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            LOG.warnf("verifier state: record without key at %s-%d@%d ignored", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        ReleaseId release;
        try {
            release = ReleaseId.of(record.key());
        } catch (InvalidNameException e) {
            LOG.warnf("verifier state: record at %s-%d@%d ignored: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (record.value() == null) {
            releases.remove(release);
            return;
        }
        try {
            releases.put(release, codec.decode(record.value()));
        } catch (IllegalArgumentException e) {
            LOG.errorf("release %s: verifier state record at %s-%d@%d is unreadable and ignored (%s); "
                    + "the release may wait for RolloutDones again", release, record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private static Map<String, Object> readerConfig(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "slipway-verifier-state-reader");
        return clientOnly(config);
    }

    private static Map<String, Object> writerConfig(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "slipway-verifier-state-writer");
        return clientOnly(config);
    }

    /** Drops (de)serializer class settings: this store sets its own. */
    private static Map<String, Object> clientOnly(Map<String, Object> config) {
        config.keySet().removeIf(key -> key.endsWith(".serializer") || key.endsWith(".deserializer"));
        return config;
    }
}
