package dev.slipway.console.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.console.kafka.ConsoleKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * The index kept in a compacted topic of one partition: a record per release (key = release id, value = its
 * {@link IndexEntry} as JSON) and, after each batch of them, a record under {@link #POSITIONS_KEY} with the
 * {@link Positions} read up to. One partition keeps that order, so positions are never ahead of the entries;
 * compaction keeps the last record of each key. Loading reads it to its end.
 */
public final class IndexStore implements AutoCloseable {
    /** Not a valid release id (ids start with a letter or digit), so it never collides with one. */
    public static final String POSITIONS_KEY = "_positions";
    private static final Logger LOG = Logger.getLogger(IndexStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern TOPIC_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final ConsoleKafka kafka;
    private final String topic;
    private KafkaProducer<String, byte[]> producer;

    public IndexStore(ConsoleKafka kafka, String topic) {
        if (topic == null || !TOPIC_NAME.matcher(topic).matches()) {
            throw new IllegalArgumentException("index topic '" + topic + "' is not a Kafka topic name: 1-249 letters, digits, '.', '_' or '-'");
        }
        this.kafka = kafka;
        this.topic = topic;
    }

    public record Loaded(List<IndexEntry> entries, Positions positions) {}

    /** Creates the index topic (compacted, one partition) unless it exists. */
    public void ensureTopic() {
        try (Admin admin = kafka.admin()) {
            NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
            LOG.infof("created the index topic %s (compacted, 1 partition)", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the index topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker at " + kafka.bootstrapServers() + " did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        }
    }

    /** Every entry and the last positions on the index topic, read to the end it had when loading began. */
    public Loaded load() {
        Map<String, IndexEntry> entries = new HashMap<>();
        Positions positions = Positions.none();
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, byte[]> consumer = kafka.readOnlyConsumer("index-load")) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500)).records(partition)) {
                    if (record.value() == null) {
                        entries.remove(record.key());
                    } else if (POSITIONS_KEY.equals(record.key())) {
                        positions = read(record.value(), Positions.class);
                    } else {
                        entries.put(record.key(), read(record.value(), IndexEntry.class));
                    }
                }
            }
        }
        return new Loaded(List.copyOf(entries.values()), positions);
    }

    /** Writes the changed entries, then the positions they bring the index to; returns once the broker has them. */
    public void save(Collection<IndexEntry> changed, Positions positions) {
        if (producer == null) {
            producer = kafka.indexProducer();
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (IndexEntry entry : changed) {
            sent.add(producer.send(new ProducerRecord<>(topic, entry.releaseId(), write(entry))));
        }
        sent.add(producer.send(new ProducerRecord<>(topic, POSITIONS_KEY, write(positions))));
        producer.flush();
        try {
            for (Future<RecordMetadata> each : sent) {
                each.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write the index to " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the index", e);
        }
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] value, Class<T> type) {
        try {
            return JSON.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable record on the index topic: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
