package dev.slipway.broker.container;

import dev.slipway.broker.EmbeddedKafkaBroker;
import dev.slipway.broker.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long each broker takes from start to a first record acknowledged (a topic created on first use), in turns so
 * that both see the same load: the in-process broker, and the container. Not part of the test run:
 * <pre>
 * ./mvnw -B -ntp -o -pl kafka-container -am verify -Dgroups=bench -DexcludedGroups= -Dtest=BrokerStartBench \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dslipway.bench.rounds=5
 * </pre>
 */
@Tag("bench")
class BrokerStartBench {
    @Test
    void startToFirstRecord() {
        int rounds = Integer.getInteger("slipway.bench.rounds", 5);
        Map<String, Supplier<KafkaBroker>> brokers = new LinkedHashMap<>();
        brokers.put("in-process (EmbeddedKafkaBroker)", EmbeddedKafkaBroker::start);
        brokers.put("container (KafkaContainerBroker, C1 only)", KafkaContainerBroker::start);
        brokers.put("container (the image's default JVM options)",
                () -> KafkaContainerBroker.start(KafkaContainerBroker.BrokerSettings.kept()));
        Map<String, List<Duration>> times = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            brokers.forEach((name, start) -> {
                long started = System.nanoTime();
                try (KafkaBroker broker = start.get()) {
                    firstRecord(broker);
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    times.computeIfAbsent(name, n -> new ArrayList<>()).add(took);
                    System.out.printf("bench: %s start to first record %.2f s%n", name, took.toMillis() / 1000.0);
                }
            });
        }
        times.forEach((name, list) -> {
            List<Duration> sorted = list.stream().sorted(Comparator.naturalOrder()).toList();
            System.out.printf("bench: %s median %.2f s, min %.2f s, max %.2f s over %d starts%n", name,
                    sorted.get(sorted.size() / 2).toMillis() / 1000.0, sorted.get(0).toMillis() / 1000.0,
                    sorted.get(sorted.size() - 1).toMillis() / 1000.0, sorted.size());
        });
    }

    private static void firstRecord(KafkaBroker broker) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers(),
                "acks", "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("bench-" + UUID.randomUUID(), "k", "v")).get();
        } catch (Exception e) {
            throw new IllegalStateException("no first record on " + broker.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }
}
