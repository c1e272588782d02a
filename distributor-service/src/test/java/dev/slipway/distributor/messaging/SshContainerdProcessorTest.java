package dev.slipway.distributor.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.quarkus.KafkaContainerTestResource;
import dev.slipway.distributor.TestEvents;
import dev.slipway.distributor.docker.TestImages;
import dev.slipway.distributor.ssh.ContainerdCommands;
import dev.slipway.distributor.ssh.K3sNodes;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The distributor as deployed for a k3s cluster: ImageBuilt on the real broker in, the image streamed over SSH
 * into two simulated k3s nodes' containerd (real OpenSSH, real containerd), ImageDistributed out.
 */
@QuarkusTest
@WithTestResource(KafkaContainerTestResource.class)
@WithTestResource(K3sNodesTestResource.class)
class SshContainerdProcessorTest {
    private static final String IMAGE_BUILT = Topics.defaultName(EventType.IMAGE_BUILT);
    private static final String IMAGE_DISTRIBUTED = Topics.defaultName(EventType.IMAGE_DISTRIBUTED);

    KafkaBroker broker;
    private final List<K3sNodes.Node> nodes = K3sNodes.nodes(2, 2);
    private KafkaCompanion companion;
    private DockerClient engine;
    private BuiltImage image;

    @BeforeEach
    void connect() {
        companion = new KafkaCompanion(broker.bootstrapServers());
        engine = DockerEngines.connect(DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV));
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (image != null) {
            String name = ContainerdCommands.containerdName(image.ref());
            nodes.forEach(node -> K3sNodes.remove(node, name));
            TestImages.remove(engine, image);
        }
        engine.close();
        companion.close();
    }

    @Test
    void aBuiltImageIsImportedIntoEveryK3sNodeAndARedeliveryFindsItAlreadyPresent() {
        image = TestImages.build(engine);
        String name = ContainerdCommands.containerdName(image.ref());
        String releaseId = "distributor-k3s-" + UUID.randomUUID().toString().substring(0, 8);
        String built = EventCodec.instance().encode(TestEvents.built(releaseId, "api", image));

        produce(releaseId, built);
        ImageDistributed first = decode(awaitDistributed(releaseId, 1).get(0));

        assertThat(first.outcome()).as("%s", first).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(first.image()).isEqualTo(image);
        assertThat(first.nodes()).extracting(r -> r.node().value(), NodeResult::outcome).containsExactly(
                tuple("k3s-1", NodeOutcome.IMPORTED), tuple("k3s-2", NodeOutcome.IMPORTED));
        assertThat(first.nodes()).allSatisfy(result -> assertThat(result.bytes()).isPositive());
        for (K3sNodes.Node node : nodes) {
            assertThat(K3sNodes.ctr(node, "images", "ls", "-q").lines()).as("images on %s", node.address()).contains(name);
            assertThat(K3sNodes.ctr(node, "content", "ls", "-q").lines()).as("content on %s", node.address())
                    .contains(image.id().value());
        }

        produce(releaseId, built);
        ImageDistributed again = decode(awaitDistributed(releaseId, 2).get(1));

        assertThat(again.outcome()).as("%s", again).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(again.nodes()).extracting(r -> r.node().value(), NodeResult::outcome, NodeResult::bytes).containsExactly(
                tuple("k3s-1", NodeOutcome.ALREADY_PRESENT, 0L), tuple("k3s-2", NodeOutcome.ALREADY_PRESENT, 0L));
    }

    private void produce(String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(IMAGE_BUILT, key, value);
        record.headers()
                .add("ce_specversion", bytes("1.0"))
                .add("ce_type", bytes(EventType.IMAGE_BUILT.type()))
                .add("ce_id", bytes(UUID.randomUUID().toString()))
                .add("ce_source", bytes("/slipway/builder"))
                .add("ce_subject", bytes(key))
                .add("content-type", bytes("application/json"));
        companion.produceStrings().fromRecords(record).awaitCompletion(Duration.ofSeconds(10));
    }

    /** The release's ImageDistributed records in topic order, once there are {@code count} of them. */
    private List<ConsumerRecord<String, String>> awaitDistributed(String releaseId, int count) {
        ConsumerTask<String, String> task = companion.consumeStrings().fromTopics(IMAGE_DISTRIBUTED);
        try {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> task.stream().filter(r -> releaseId.equals(r.key())).count() >= count);
            return task.stream().filter(r -> releaseId.equals(r.key()))
                    .sorted(Comparator.comparingLong(ConsumerRecord::offset)).toList();
        } finally {
            task.stop();
        }
    }

    private static ImageDistributed decode(ConsumerRecord<String, String> record) {
        assertThat(EventCodec.instance().validate(EventType.IMAGE_DISTRIBUTED, record.value())).isNull();
        return EventCodec.instance().decode(EventType.IMAGE_DISTRIBUTED, record.value());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
