package dev.slipway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;

/**
 * The floor of a hop on this machine, measured beside the pipeline: a plain KafkaProducer (linger.ms=0,
 * acks=all, as the services' outgoing channels) sends one record every 200-600 ms to its own topic on the
 * same broker, and a plain KafkaConsumer (client defaults, as the services' incoming channels: fetch.min.bytes
 * 1, fetch.max.wait.ms 500) polls it in a loop. Samples: from {@code send()} to the broker's acknowledgement, and
 * from {@code send()} to the consumer's {@code poll()} returning the record; both clocks in this JVM (nanoTime).
 * Runs for as long as the releases do, so it shares their load.
 */
final class KafkaRoundTrip implements AutoCloseable {
    private static final String TOPIC = "slipway.bench.round-trip";

    private final KafkaProducer<Long, Long> producer;
    private final KafkaConsumer<Long, Long> consumer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Double> acked = new ArrayList<>();
    private final List<Double> received = new ArrayList<>();
    private final Thread sender;
    private final Thread poller;

    private KafkaRoundTrip(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + TOPIC + ": " + e.getMessage(), e);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new LongSerializer(), new LongSerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(c, new LongDeserializer(), new LongDeserializer());
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
        poller = new Thread(this::poll, "round-trip-consumer");
        sender = new Thread(this::send, "round-trip-producer");
    }

    static KafkaRoundTrip start(String bootstrapServers) {
        KafkaRoundTrip roundTrip = new KafkaRoundTrip(bootstrapServers);
        roundTrip.poller.start();
        roundTrip.sender.start();
        return roundTrip;
    }

    private void send() {
        try {
            Thread.sleep(1000); // the consumer's first fetch is out
            while (running.get()) {
                long sentAt = System.nanoTime();
                producer.send(new ProducerRecord<>(TOPIC, sentAt, sentAt), (metadata, error) -> {
                    if (error == null) {
                        synchronized (acked) {
                            acked.add((System.nanoTime() - sentAt) / 1e6);
                        }
                    }
                });
                Thread.sleep(ThreadLocalRandom.current().nextLong(200, 600));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        while (running.get()) {
            for (ConsumerRecord<Long, Long> record : consumer.poll(Duration.ofMillis(200))) {
                double millis = (System.nanoTime() - record.value()) / 1e6;
                synchronized (received) {
                    received.add(millis);
                }
            }
        }
    }

    /** send() → acknowledged, in ms. */
    List<Double> acked() {
        synchronized (acked) {
            return List.copyOf(acked);
        }
    }

    /** send() → the consumer's poll() returns it, in ms. */
    List<Double> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        sender.interrupt();
        sender.join();
        poller.join();
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
