package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.KafkaContainerBroker;
import dev.slipway.cli.kafka.EventPublisher;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.record.testing.ShopRelease;
import dev.slipway.cli.support.Slipway;
import dev.slipway.cli.support.Slipway.Run;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.ReleasePlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** slipway audit and slipway history against a real Kafka broker, on topics of their own per test. */
class AuditAndHistoryTest {
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        // the test JVM's shared broker: every test here works on topics of its own
        broker = KafkaContainerBroker.shared();
    }

    @Test
    void auditGivesTheSameBytesTwiceAndLeavesNoGroupAndNoOffsetChanged() throws Exception {
        Pipeline pipeline = new Pipeline();
        ShopRelease release = new ShopRelease("shop-2.1.0-" + random8());
        pipeline.publishPassed(release, Clock.systemUTC(), null);
        String group = "slipway-verifier-" + random8();
        TopicPartition verified = new TopicPartition(pipeline.topics.name(EventType.VERIFIED), 0);
        try (Admin admin = clients().admin()) {
            admin.alterConsumerGroupOffsets(group, Map.of(verified, new OffsetAndMetadata(1))).all().get(10, TimeUnit.SECONDS);
            Set<String> groupsBefore = groups(admin);
            Map<TopicPartition, OffsetAndMetadata> offsetsBefore = offsets(admin, group);
            Map<TopicPartition, Long> endsBefore = pipeline.endOffsets();

            Run first = pipeline.run("audit", release.id.value());
            Run second = pipeline.run("audit", release.id.value());

            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(second.out()).isEqualTo(first.out());
            assertThat(first.out()).startsWith("# Release " + release.id + "\n\n**PASSED**\n")
                    .contains("| web | local | shop-web | not recorded | slipway-example/web:2.1.0 | ROLLED_OUT | 0.4 s | - |")
                    .containsOnlyOnce("| web | SUCCEEDED | slipway-example/web:2.1.0");
            assertThat(first.err()).contains("audit of " + release.id + " read ");
            assertThat(groups(admin)).as("no consumer group made by audit").isEqualTo(groupsBefore);
            assertThat(offsets(admin, group)).isEqualTo(offsetsBefore);
            assertThat(pipeline.endOffsets()).as("nothing written to any topic").isEqualTo(endsBefore);
        }
    }

    @Test
    void auditWritesTheFileAndJsonWithTheRecordsFields(@TempDir Path folder) throws Exception {
        Pipeline pipeline = new Pipeline();
        ShopRelease release = new ShopRelease("shop-2.1.0-" + random8());
        String diagnosis = "api on node local: container shop-api exited with code 1; last log line: boom";
        pipeline.publish(release.request, release.id, Clock.systemUTC());
        pipeline.publish(release.built("api"), release.id, Clock.systemUTC());
        pipeline.publish(release.distributed("api"), release.id, Clock.systemUTC());
        pipeline.publish(release.rolledBack("api", diagnosis), release.id, Clock.systemUTC());
        pipeline.publish(release.failed(diagnosis), release.id, Clock.systemUTC());
        Path file = folder.resolve("audit.json");

        Run run = pipeline.run("audit", release.id.value(), "--format", "json", "--out", file.toString());
        Run again = pipeline.run("audit", release.id.value(), "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("wrote " + file);
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(again.out()).isEqualTo(json);
        JsonNode tree = new ObjectMapper().readTree(json);
        assertThat(tree.at("/releaseId").asText()).isEqualTo(release.id.value());
        assertThat(tree.at("/request/release").asText()).isEqualTo("shop");
        assertThat(tree.at("/request/services").toString()).isEqualTo("[\"web\",\"api\"]");
        assertThat(tree.at("/services/1/builds/0/sizeBytes").asLong()).isEqualTo(2_100_000);
        assertThat(tree.at("/services/1/distributions/0/nodes/0/result").asText()).isEqualTo("IMPORTED");
        assertThat(tree.at("/services/1/rollouts/0/workloads/0/outcome").asText()).isEqualTo("ROLLED_BACK");
        assertThat(tree.at("/failures/0/stage").asText()).isEqualTo("rollout");
        assertThat(tree.at("/failures/0/diagnosis").asText()).isEqualTo(diagnosis);
        assertThat(tree.at("/checks/0/passed").asBoolean()).isFalse();
        assertThat(tree.at("/outcome/state").asText()).isEqualTo("FAILED");
        assertThat(tree.at("/timings").isArray()).isTrue();
    }

    @Test
    void auditOfAnUnknownReleaseSaysSo() {
        Pipeline pipeline = new Pipeline();
        pipeline.publishPassed(new ShopRelease("shop-2.1.0-" + random8()), Clock.systemUTC(), null);

        Run run = pipeline.run("audit", "shop-2.1.0-00000000");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("release shop-2.1.0-00000000 not found: no build request with that id on "
                + pipeline.topics.name(EventType.BUILD_REQUESTED));
    }

    @Test
    void auditFindsAReleaseOfTenDaysAgo() {
        Pipeline pipeline = new Pipeline();
        Instant old = Instant.now().minus(Duration.ofDays(10));
        ShopRelease release = new ShopRelease("shop-2.1.0-" + random8(), old);
        pipeline.publishPassed(release, Clock.fixed(old, ZoneOffset.UTC), old);
        pipeline.publishPassed(new ShopRelease("shop-2.1.0-" + random8()), Clock.systemUTC(), null);

        Run run = pipeline.run("audit", release.id.value());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("**PASSED**");
    }

    @Test
    void historyListsReleasesNewestFirstAndReadsNothingOlderThanSince() throws Exception {
        Pipeline pipeline = new Pipeline();
        Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10));
        ShopRelease old = new ShopRelease("shop-1.0.0-" + random8(), tenDaysAgo);
        pipeline.publishPassed(old, Clock.fixed(tenDaysAgo, ZoneOffset.UTC), tenDaysAgo);
        pipeline.publishRaw(EventType.IMAGE_BUILT, old.id, "not json", tenDaysAgo.plusSeconds(1));
        ShopRelease first = new ShopRelease("shop-2.1.0-" + random8(), Instant.now().minusSeconds(60));
        pipeline.publishPassed(first, Clock.systemUTC(), null);
        ReleaseId second = ReleaseId.of("blog-3.0.0-" + random8());
        pipeline.publish(otherRequest("blog", second, Instant.now()), second, Clock.systemUTC());

        Run recent = pipeline.run("history");
        Run shopOnly = pipeline.run("history", "--release", "shop");
        Run month = pipeline.run("history", "--since", "30d");

        assertThat(recent.exitCode()).as(recent.err()).isZero();
        assertThat(recent.err()).as("the old record is never read").doesNotContain("warning");
        List<String> lines = recent.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("RELEASE ID");
        assertThat(lines.get(1)).startsWith(second.value()).contains("at build-requested");
        assertThat(lines.get(2)).startsWith(first.id.value()).contains("shop", "2.1.0", "PASSED");
        assertThat(shopOnly.out().lines().skip(1).toList()).singleElement().asString().startsWith(first.id.value());
        assertThat(month.out().lines().toList()).hasSize(4).last().asString().startsWith(old.id.value());
        assertThat(month.err()).contains("warning: skipped record " + pipeline.topics.name(EventType.IMAGE_BUILT));
    }

    /** The request of a release named {@code name}, with the shop's services. */
    private static BuildRequested otherRequest(String name, ReleaseId id, Instant requestedAt) {
        ShopRelease shop = new ShopRelease(id.value());
        ReleasePlan plan = new ReleasePlan(ReleaseName.of(name), shop.plan.services(), shop.plan.rollout(), List.of());
        return new BuildRequested(id, Version.of("3.0.0"), requestedAt, plan);
    }

    /** Five topics of the test's own, the arguments that name them, and publishing onto them. */
    private static final class Pipeline {
        final Topics topics;
        final List<String> topicArgs = new ArrayList<>();

        Pipeline() {
            String suffix = random8();
            Map<String, String> names = new HashMap<>();
            for (EventType type : EventType.values()) {
                String topic = "test." + type.channel() + "." + suffix;
                names.put(Topics.configKey(type), topic);
                topicArgs.addAll(List.of("--topic", type.channel() + "=" + topic));
            }
            topics = Topics.from(names::get);
        }

        Run run(String... args) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--bootstrap-servers", broker.bootstrapServers()));
            all.addAll(topicArgs);
            return Slipway.run(all.toArray(String[]::new));
        }

        Map<TopicPartition, Long> endOffsets() {
            try (KafkaConsumer<String, byte[]> consumer = clients().readOnlyConsumer()) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (EventType type : EventType.values()) {
                    partitions.add(new TopicPartition(topics.name(type), 0));
                }
                return consumer.endOffsets(partitions);
            }
        }

        void publishPassed(ShopRelease release, Clock clock, Instant timestamp) {
            List<Object> events = new ArrayList<>(List.of(release.request));
            for (String service : List.of("web", "api")) {
                events.addAll(List.of(release.built(service), release.distributed(service), release.rolledOut(service)));
            }
            events.add(release.built("web")); // a redelivery: the same event again, same id
            events.add(release.passed());
            events.forEach(event -> publish(event, release.id, clock, timestamp));
        }

        void publish(Object event, ReleaseId id, Clock clock) {
            publish(event, id, clock, null);
        }

        /** Publishes with the record timestamp given (null: now). */
        void publish(Object event, ReleaseId id, Clock clock, Instant timestamp) {
            try (EventPublisher publisher = new EventPublisher(clients(), topics, clock);
                    KafkaProducer<String, byte[]> producer = clients().producer()) {
                ProducerRecord<String, byte[]> record = publisher.record(event, id);
                producer.send(new ProducerRecord<>(record.topic(), null, timestamp == null ? null : timestamp.toEpochMilli(),
                        record.key(), record.value(), record.headers())).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        void publishRaw(EventType type, ReleaseId id, String value, Instant timestamp) throws Exception {
            try (KafkaProducer<String, byte[]> producer = clients().producer()) {
                producer.send(new ProducerRecord<>(topics.name(type), null, timestamp.toEpochMilli(), id.value(),
                        value.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Set<String> groups(Admin admin) throws Exception {
        return admin.listGroups().all().get(10, TimeUnit.SECONDS).stream().map(GroupListing::groupId)
                .collect(Collectors.toSet());
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    }

    private static KafkaClients clients() {
        return new KafkaClients(broker.bootstrapServers());
    }

    private static String random8() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
