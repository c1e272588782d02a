package dev.slipway.stage;

import dev.slipway.cdevents.StructuredCloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The CDEvents topic through a Kafka producer of its own, made from the service's {@code kafka.*} settings (the same
 * broker and security settings as its channels) with the stages' reconnect ceiling; each record carries the header
 * {@code content-type: application/cloudevents+json} (structured mode). Created only when CDEvents are on.
 */
final class KafkaCDEventsTopic implements CDEventsTopic, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KafkaCDEventsTopic.class);
    /** Kafka's legal topic names. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;

    KafkaCDEventsTopic(String topic, Map<String, Object> kafka, Duration reconnectBackoffMax) {
        checkName(topic);
        this.topic = topic;
        Map<String, Object> config = new HashMap<>(kafka);
        config.putAll(BrokerReconnect.settings(kafka.containsKey("reconnect.backoff.max.ms"), reconnectBackoffMax));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "slipway-cdevents");
        this.producer = new KafkaProducer<>(config);
    }

    /** Throws, naming the setting, when {@code topic} is not a legal Kafka topic name. */
    static void checkName(String topic) {
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("slipway.cdevents.topic '" + topic
                    + "' is not a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -)");
        }
    }

    @Override
    public void send(String releaseId, List<byte[]> structuredCloudEvents) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (byte[] value : structuredCloudEvents) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, releaseId, value);
            record.headers().add("content-type", StructuredCloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            sent.add(producer.send(record));
        }
        try {
            for (Future<RecordMetadata> each : sent) {
                each.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageStoppingException("publishing to " + topic + " (interrupted)");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    @Override
    public void warmUp() {
        try {
            producer.partitionsFor(topic);
        } catch (RuntimeException e) {
            LOG.warnf("CDEvents topic %s: no metadata yet (%s); the first CDEvent will fetch it", topic, e.getMessage());
        }
    }

    @Override
    public String name() {
        return topic;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
