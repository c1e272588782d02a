package dev.slipway.stage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * Kafka client interceptors that log when an event crosses the boundaries inside a stage, for the
 * benchmark's breakdown of a hop (PipelineBench); off unless a channel names them in its
 * {@code interceptor.classes}. Each line is {@code hop STEP CE_ID EPOCH_MICROS}:
 * <ul>
 * <li>{@code sent}: the Kafka producer's {@code send()} was called (on SmallRye's sending thread);</li>
 * <li>{@code acked}: the broker acknowledged it (on the producer's I/O thread);</li>
 * <li>{@code polled}: the consumer's {@code poll()} returns it (on SmallRye's polling thread), before
 * SmallRye hands it to the event loop and the worker thread that runs the stage.</li>
 * </ul>
 */
public final class HopTrace {
    private static final Logger LOG = Logger.getLogger("dev.slipway.hop");

    private HopTrace() {}

    static void log(String step, String ceId) {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        LOG.infof("hop %s %s %d", step, ceId, micros);
    }

    static String ceId(Iterable<Header> headers) {
        String id = null;
        for (Header header : headers) {
            if ("ce_id".equals(header.key()) && header.value() != null) {
                id = new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return id;
    }

    /** For an outgoing channel: logs {@code sent} and {@code acked}. */
    public static final class Sent implements ProducerInterceptor<Object, Object> {
        // acks arrive in send order within a partition: the id of each acknowledged record is the oldest unacked one
        private final Map<TopicPartition, Queue<String>> unacked = new HashMap<>();
        private final Map<String, Queue<String>> unackedUnassigned = new HashMap<>();

        @Override
        public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
            String id = ceId(record.headers());
            if (id != null) {
                log("sent", id);
                synchronized (this) {
                    if (record.partition() != null) {
                        unacked.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                                p -> new ArrayDeque<>()).add(id);
                    } else {
                        unackedUnassigned.computeIfAbsent(record.topic(), t -> new ArrayDeque<>()).add(id);
                    }
                }
            }
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
            if (metadata == null || exception != null) {
                return;
            }
            String id;
            synchronized (this) {
                Queue<String> queue = unacked.get(new TopicPartition(metadata.topic(), metadata.partition()));
                id = queue == null ? null : queue.poll();
                if (id == null) {
                    // the partitioner chose the partition after onSend; with one partition per topic (the local default) exact
                    Queue<String> unassigned = unackedUnassigned.get(metadata.topic());
                    id = unassigned == null ? null : unassigned.poll();
                }
            }
            if (id != null) {
                log("acked", id);
            }
        }

        @Override
        public void close() {}

        @Override
        public void configure(Map<String, ?> configs) {}
    }

    /** For an incoming channel: logs {@code polled}. */
    public static final class Polled implements ConsumerInterceptor<Object, Object> {
        @Override
        public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
            for (ConsumerRecord<Object, Object> record : records) {
                String id = ceId(record.headers());
                if (id != null) {
                    log("polled", id);
                }
            }
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

        @Override
        public void close() {}

        @Override
        public void configure(Map<String, ?> configs) {}
    }
}
