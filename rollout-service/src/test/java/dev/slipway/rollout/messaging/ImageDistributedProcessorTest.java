package dev.slipway.rollout.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.quarkus.KafkaContainerTestResource;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.rollout.testing.Events;
import dev.slipway.rollout.testing.Http;
import dev.slipway.rollout.testing.TestImages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rollout stage through the real broker: events in, RolloutDone out, bad records to the dead-letter topic. */
@QuarkusTest
@WithTestResource(KafkaContainerTestResource.class)
@TestProfile(LocalEngineProfile.class)
class ImageDistributedProcessorTest {
    private static final String IN = "slipway.image-distributed";
    private static final String OUT = "slipway.rollout-done";
    private static final String DEAD = "slipway.image-distributed.dead-letter";

    KafkaBroker broker;

    private KafkaCompanion kafka;
    private DockerClient docker;
    private TestImages images;
    private ContainerName container;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(broker.bootstrapServers());
        docker = DockerEngines.connect(DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV));
        images = new TestImages(docker);
        container = ContainerName.of(TestImages.PREFIX + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String name : List.of(container.value(), container.value() + ".previous")) {
            try {
                docker.removeContainerCmd(name).withForce(true).exec();
            } catch (NotFoundException e) {
                // not created
            }
        }
        images.close();
        docker.close();
        kafka.close();
    }

    private static ProducerRecord<String, String> cloudEvent(String key, String type, String json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(IN, key, json);
        record.headers().add("ce_specversion", bytes("1.0")).add("ce_type", bytes(type))
                .add("ce_id", bytes(UUID.randomUUID().toString())).add("ce_source", bytes("/slipway/distributor"))
                .add("content-type", bytes("application/json"));
        return record;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void send(ImageDistributed event) {
        kafka.produceStrings().fromRecords(cloudEvent(event.release().releaseId().value(),
                EventType.IMAGE_DISTRIBUTED.type(), EventCodec.instance().encode(event))).awaitCompletion();
    }

    @Test
    void rollsOutWhatArrivesAndDeadLettersWhatIsNotAnEvent() {
        ImageId image = images.httpd("api", "hello from api");
        int port = Http.freePort();
        ServicePlan api = Events.service("api", container, port);

        kafka.produceStrings().fromRecords(cloudEvent("broken", EventType.IMAGE_DISTRIBUTED.type(), "{not json"))
                .awaitCompletion();
        ImageDistributed failedDistribution = new ImageDistributed(
                Events.release("example-0.9.0", "0.9.0", api, RolloutPolicy.DEFAULT), api, StageOutcome.FAILED,
                Events.image(api, "0.9.0", image),
                List.of(new NodeResult(NodeName.of("local"), NodeOutcome.FAILED, 0, 5, "load failed: no space left on device")),
                "distribution failed on 1 of 1 nodes");
        send(failedDistribution);
        ImageDistributed distributed = Events.distributed(
                Events.release("example-1.0.0", "1.0.0", api, new RolloutPolicy(true, 20)), api,
                Events.image(api, "1.0.0", image), "local");
        send(distributed);

        ConsumerTask<String, String> dead = kafka.consumeStrings().fromTopics(DEAD, 1).awaitCompletion(Duration.ofSeconds(30));
        assertThat(dead.getRecords().get(0).value()).isEqualTo("{not json");
        assertThat(header(dead.getRecords().get(0), "dead-letter-reason")).contains("not JSON");

        List<ConsumerRecord<String, String>> out = kafka.consumeStrings().fromTopics(OUT, 2)
                .awaitCompletion(Duration.ofSeconds(60)).getRecords();
        for (ConsumerRecord<String, String> record : out) {
            assertThat(EventCodec.instance().validate(EventType.ROLLOUT_DONE, record.value())).isNull();
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_type")).isEqualTo(EventType.ROLLOUT_DONE.type());
            assertThat(header(record, "ce_source")).isEqualTo("/slipway/rollout");
            assertThat(header(record, "ce_subject")).isEqualTo(record.key());
        }
        RolloutDone skipped = decode(out, "example-0.9.0");
        assertThat(skipped.outcome()).isEqualTo(RolloutOutcome.SKIPPED);
        assertThat(skipped.diagnosis()).isEqualTo("not rolled out: distribution of api failed: distribution failed on 1 of 1 nodes; "
                + "failed nodes: local (load failed: no space left on device)");

        RolloutDone done = decode(out, "example-1.0.0");
        assertThat(done.outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
        assertThat(done.image().id()).isEqualTo(image);
        assertThat(done.nodes()).extracting(n -> n.node().value(), n -> n.outcome())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("local", RolloutOutcome.ROLLED_OUT));
        await().atMost(Duration.ofSeconds(10)).until(() -> "hello from api".equals(Http.get(port)));
    }

    private static RolloutDone decode(List<ConsumerRecord<String, String>> records, String releaseId) {
        return records.stream().filter(r -> releaseId.equals(r.key())).findFirst()
                .map(r -> EventCodec.instance().<RolloutDone>decode(EventType.ROLLOUT_DONE, r.value()))
                .orElseThrow(() -> new AssertionError("no RolloutDone for " + releaseId));
    }
}
