package dev.slipway.bench.history;

import dev.slipway.cli.kafka.EventPublisher;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Creates a set of the five topics and writes past releases to them with the times they happened (record timestamps in the past). */
final class HistoryWriter {
    private final KafkaClients clients;
    private final Topics topics;
    private long bytesWritten;
    private long recordsWritten;

    HistoryWriter(KafkaClients clients, Topics topics) {
        this.clients = clients;
        this.topics = topics;
    }

    /** The five topics with {@code partitions} partitions each, kept forever (the records are backdated). */
    void createTopics(int partitions) throws Exception {
        try (Admin admin = clients.admin()) {
            List<NewTopic> created = new ArrayList<>();
            for (EventType type : EventType.values()) {
                created.add(new NewTopic(topics.name(type), partitions, (short) 1)
                        .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1")));
            }
            admin.createTopics(created).all().get(30, TimeUnit.SECONDS);
        }
    }

    void write(List<PastRelease> releases) throws Exception {
        try (KafkaProducer<String, byte[]> producer = bulkProducer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (PastRelease release : releases) {
                for (PastRelease.Timed timed : release.events()) {
                    EventPublisher publisher = new EventPublisher(clients, topics, Clock.fixed(timed.time(), ZoneOffset.UTC));
                    ProducerRecord<String, byte[]> record = publisher.record(timed.event(), release.id());
                    ProducerRecord<String, byte[]> backdated = new ProducerRecord<>(record.topic(), null,
                            timed.time().toEpochMilli(), record.key(), record.value(), record.headers());
                    bytesWritten += record.value().length + record.key().length();
                    record.headers().forEach(header -> bytesWritten += header.key().length() + header.value().length);
                    recordsWritten++;
                    sent.add(producer.send(backdated));
                }
                if (sent.size() > 5_000) {
                    waitFor(sent);
                }
            }
            waitFor(sent);
        }
    }

    /** A producer for writing many records at once: batched, and patient with a busy machine (the CLI's gives up after 15 s). */
    private KafkaProducer<String, byte[]> bulkProducer() {
        java.util.Properties props = new java.util.Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, clients.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // in order without idempotence: under load the idempotent producer's sequence resets made the broker refuse batches
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    long bytesWritten() {
        return bytesWritten;
    }

    long recordsWritten() {
        return recordsWritten;
    }

    static Instant spread(Instant newest, java.time.Duration span, int index, int count) {
        return newest.minus(span).plusMillis(span.toMillis() * index / Math.max(1, count));
    }

    private static void waitFor(List<Future<RecordMetadata>> sent) throws Exception {
        for (Future<RecordMetadata> future : sent) {
            future.get(60, TimeUnit.SECONDS);
        }
        sent.clear();
    }
}
