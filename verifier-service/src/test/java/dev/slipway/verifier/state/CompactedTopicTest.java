package dev.slipway.verifier.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.KafkaContainerBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CompactedTopicTest {
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        // the test JVM's shared broker: every test here works on topics of its own
        broker = KafkaContainerBroker.shared();
    }


    /**
     * Two verifier replicas started together (a Deployment's rollout) both find the state topic missing:
     * one creates it, the other must wait until the topic it was told exists can be described, not fail
     * its start with "This server does not host this topic-partition" (seen with two instances in
     * RELIABILITY.md's run).
     */
    @Test
    void replicasThatStartTogetherAllOpenTheTopicOneOfThemCreated() throws Exception {
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                String topic = "state-" + round;
                List<Callable<Integer>> starts = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    starts.add(() -> CompactedTopic.ensure(Map.of("bootstrap.servers", broker.bootstrapServers()), topic));
                }
                List<Integer> partitions = new ArrayList<>();
                for (Future<Integer> start : replicas.invokeAll(starts)) {
                    partitions.add(start.get());
                }
                assertThat(partitions).containsOnly(1);
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                    assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                            .get("cleanup.policy").value()).isEqualTo("compact");
                }
            }
        } finally {
            replicas.shutdownNow();
        }
    }

    @Test
    void aTopicJustCreatedByAnotherReplicaIsAskedForAgainUntilTheBrokerKnowsIt() throws Exception {
        AtomicInteger looks = new AtomicInteger();

        int partitions = CompactedTopic.partitionsOnceKnown("state", () -> {
            if (looks.incrementAndGet() < 3) {
                throw new ExecutionException(new UnknownTopicOrPartitionException("This server does not host this topic-partition."));
            }
            return 3;
        }, Duration.ofSeconds(5));

        assertThat(partitions).isEqualTo(3);
        assertThat(looks).hasValue(3);
    }

    @Test
    void aTopicStillUnknownAfterThePatienceOrAnotherFailureIsReported() {
        assertThatThrownBy(() -> CompactedTopic.partitionsOnceKnown("state", () -> {
            throw new ExecutionException(new UnknownTopicOrPartitionException("not hosted"));
        }, Duration.ofMillis(250))).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(UnknownTopicOrPartitionException.class);

        AtomicInteger looks = new AtomicInteger();
        assertThatThrownBy(() -> CompactedTopic.partitionsOnceKnown("state", () -> {
            looks.incrementAndGet();
            throw new ExecutionException(new TopicAuthorizationException("denied"));
        }, Duration.ofSeconds(5))).hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThat(looks).hasValue(1);
    }
}
