package dev.slipway.verifier.messaging;

import static dev.slipway.verifier.ClusterObjects.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.quarkus.KafkaContainerTestResource;
import dev.slipway.events.CheckResult;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.verifier.Releases;
import dev.slipway.verifier.kubernetes.UsersCluster;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The user's release through the real broker: ten RolloutDone records of Kubernetes services in, one Verified out,
 * with the verifier reading fabric8's mock API server through a generated kubeconfig (slipway.kubernetes.kubeconfig).
 */
@QuarkusTest
@WithTestResource(KafkaContainerTestResource.class)
@WithTestResource(MockClusterResource.class)
class KubernetesVerificationTest {
    KafkaBroker broker;

    @Test
    void theUsersReleaseIsVerifiedPassedWithARowPerKubernetesCheck() {
        ReleaseContext release = UsersCluster.release(Releases.newReleaseId(), UsersCluster.checks());
        UsersCluster.rollouts(release).forEach(this::send);

        ConsumerRecord<String, String> record = awaitVerified(release);

        assertThat(EventCodec.instance().validate(EventType.VERIFIED, record.value())).isNull();
        Verified verified = EventCodec.instance().decode(EventType.VERIFIED, record.value());
        assertThat(verified.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(verified.services()).hasSize(10);
        assertThat(verified.checks()).hasSize(12).allMatch(CheckResult::passed);
        assertThat(verified.checks()).extracting(CheckResult::kind, CheckResult::observed).contains(
                tuple("nodesReady", "4 of 4 nodes Ready: vps-1, vps-2, vps-3, vps-4"),
                tuple("workload", "3/3 ready at gx-protocol/svc-tax:2.1.0"),
                tuple("podsRunning", "21 of 21 running"),
                tuple("pvcsBound", "prometheus-data-prometheus-0 Bound to pvc-4f7e2a"));
    }

    @Test
    void aMissingClaimFailsTheReleaseNamingTheClaim() {
        var claims = MockClusterResource.cluster().client().persistentVolumeClaims().inNamespace(UsersCluster.NAMESPACE);
        claims.withName("prometheus-data-prometheus-0").delete();
        try {
            ReleaseContext release = UsersCluster.release(Releases.newReleaseId(), UsersCluster.checks());
            UsersCluster.rollouts(release).forEach(this::send);

            Verified verified = EventCodec.instance().decode(EventType.VERIFIED, awaitVerified(release).value());

            assertThat(verified.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(verified.diagnosis()).contains("1 of 12 checks failed")
                    .contains("- pvcsBound check 'Prometheus PVCs Bound' failed: expected every PersistentVolumeClaim of "
                            + "StatefulSet backend-mainnet/prometheus Bound; observed persistentvolumeclaim "
                            + "prometheus-data-prometheus-0 not found");
        } finally {
            MockClusterResource.cluster().client()
                    .resource(claim(UsersCluster.NAMESPACE, "prometheus-data-prometheus-0", "Bound", "pvc-4f7e2a")).create();
        }
    }

    private void send(RolloutDone done) {
        ProducerRecord<String, String> record = new ProducerRecord<>("slipway.rollout-done",
                done.release().releaseId().value(), EventCodec.instance().encode(done));
        record.headers().add("ce_specversion", bytes("1.0")).add("ce_type", bytes(EventType.ROLLOUT_DONE.type()))
                .add("ce_id", bytes(UUID.randomUUID().toString())).add("ce_source", bytes("/slipway/rollout"))
                .add("ce_subject", bytes(done.release().releaseId().value()))
                .add("content-type", bytes("application/json"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send the RolloutDone of " + done.service().name(), e);
        }
    }

    private ConsumerRecord<String, String> awaitVerified(ReleaseContext release) {
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> verifiedOf(release), list -> !list.isEmpty()).get(0);
    }

    private List<ConsumerRecord<String, String>> verifiedOf(ReleaseContext release) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("slipway.verified", Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition("slipway.verified", p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records.stream().filter(r -> release.releaseId().value().equals(r.key())).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
