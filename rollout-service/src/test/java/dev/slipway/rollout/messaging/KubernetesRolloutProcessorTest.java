package dev.slipway.rollout.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.quarkus.KafkaContainerTestResource;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.kubernetes.KubernetesClients;
import dev.slipway.rollout.kubernetes.KubeEvents;
import dev.slipway.rollout.kubernetes.SimulatedClusterResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A kubernetes service through the real broker: ImageDistributed in, the workload rolled, RolloutDone out. */
@QuarkusTest
@WithTestResource(KafkaContainerTestResource.class)
@WithTestResource(SimulatedClusterResource.class)
class KubernetesRolloutProcessorTest {
    KafkaBroker broker;

    @ConfigProperty(name = "slipway.kubernetes.kubeconfig")
    Path kubeconfig;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void rollsAKubernetesServiceAndPublishesAValidRolloutDone() {
        ImageDistributed distributed = KubeEvents.distributedEverywhere(
                KubeEvents.release("2.1.0", new RolloutPolicy(true, 60), List.of("svc-identity")),
                KubeEvents.deployment("svc-identity"));
        try (KafkaCompanion kafka = new KafkaCompanion(broker.bootstrapServers());
                KubernetesClient client = KubernetesClients.connect(
                        new KubernetesClients.Settings(Optional.of(kubeconfig), Optional.empty()))) {
            ProducerRecord<String, String> record = new ProducerRecord<>("slipway.image-distributed",
                    distributed.release().releaseId().value(), EventCodec.instance().encode(distributed));
            record.headers().add("ce_specversion", bytes("1.0")).add("ce_type", bytes(EventType.IMAGE_DISTRIBUTED.type()))
                    .add("ce_id", bytes(UUID.randomUUID().toString())).add("ce_source", bytes("/slipway/distributor"))
                    .add("content-type", bytes("application/json"));
            kafka.produceStrings().fromRecords(record).awaitCompletion();

            ConsumerRecord<String, String> out = kafka.consumeStrings().fromTopics("slipway.rollout-done", 1)
                    .awaitCompletion(Duration.ofSeconds(60)).getRecords().get(0);

            assertThat(EventCodec.instance().validate(EventType.ROLLOUT_DONE, out.value())).isNull();
            assertThat(header(out, "ce_type")).isEqualTo(EventType.ROLLOUT_DONE.type());
            assertThat(header(out, "ce_source")).isEqualTo("/slipway/rollout");
            assertThat(out.key()).isEqualTo("gx-2.1.0-0a1b2c3d");
            RolloutDone done = EventCodec.instance().decode(EventType.ROLLOUT_DONE, out.value());
            assertThat(done.outcome()).as(done.diagnosis()).isEqualTo(RolloutOutcome.ROLLED_OUT);
            assertThat(done.nodes()).extracting(n -> n.node().value()).containsExactlyElementsOf(KubeEvents.NODES);
            Deployment deployment = client.apps().deployments().inNamespace(KubeEvents.NAMESPACE).withName("svc-identity").get();
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo("gx-protocol/svc-identity:2.1.0");
        }
    }
}
