package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.KafkaContainerBroker;
import dev.slipway.cli.kafka.EventPublisher;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.record.testing.ShopRelease;
import dev.slipway.cli.support.Slipway;
import dev.slipway.cli.support.Slipway.Run;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.EventCodec;
import dev.slipway.events.SourceRevision;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release and watch commands against a real Kafka broker. */
class ReleaseAndWatchTest {
    /** The headers the Quarkus stages write on every event (SmallRye, cloud-events-mode=binary). */
    private static final List<String> STAGE_HEADERS = List.of("ce_specversion", "ce_id", "ce_type", "ce_source",
            "ce_subject", "ce_datacontenttype", "content-type", "ce_dataschema", "ce_time");

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        // the test JVM's shared broker: every test here works on topics of its own
        broker = KafkaContainerBroker.shared();
    }

    @Test
    void releasePublishesABuildRequestedKeyedByTheReleaseId() {
        String topic = "test.build-requested." + UUID.randomUUID();

        Run run = Slipway.run("release", "../examples/shop/slipway.yaml", "--version", "2.1.0",
                "--bootstrap-servers", broker.bootstrapServers(), "--topic", "build-requested=" + topic);

        assertThat(run.exitCode()).as(run.err()).isZero();
        String id = run.out().strip();
        assertThat(id).matches("shop-2\\.1\\.0-[0-9a-f]{8}");
        assertThat(run.err()).contains("slipway watch " + id);
        ConsumerRecord<String, byte[]> record = readAll(topic, 1).get(0);
        assertThat(record.key()).isEqualTo(id);
        BuildRequested request = EventCodec.instance().decode(EventType.BUILD_REQUESTED,
                new String(record.value(), StandardCharsets.UTF_8));
        assertThat(request.releaseId().value()).isEqualTo(id);
        assertThat(request.version().value()).isEqualTo("2.1.0");
        assertThat(request.plan().release().value()).isEqualTo("shop");
        assertThat(request.plan().services()).hasSize(2);
        assertThat(request.source()).as("the commit of this repository's checkout").isNotNull()
                .satisfies(source -> assertThat(source.commit()).matches("[0-9a-f]{40}"));
        assertThat(header(record, "ce_type")).isEqualTo("dev.slipway.build.requested.v1");
        assertThat(header(record, "ce_subject")).isEqualTo(id);
        assertThat(header(record, "ce_source")).isEqualTo("/slipway/cli");
        assertThat(header(record, "ce_dataschema")).isEqualTo("https://slipway.dev/schemas/v1/build-requested.schema.json");
    }

    @Test
    void writesTheSameHeaderNamesAsTheQuarkusStages() {
        String topic = "test.headers." + UUID.randomUUID();
        Run run = Slipway.run("release", "../examples/shop/slipway.yaml", "--version", "2.1.0",
                "--bootstrap-servers", broker.bootstrapServers(), "--topic", "build-requested=" + topic);
        assertThat(run.exitCode()).as(run.err()).isZero();

        List<String> names = new ArrayList<>();
        for (Header header : readAll(topic, 1).get(0).headers()) {
            names.add(header.key());
        }

        assertThat(names).containsExactlyInAnyOrderElementsOf(STAGE_HEADERS);
    }

    @Test
    void refusesAPlanWithABadServiceNameBeforePublishingAnything(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("services/api"));
        Files.writeString(repo.resolve("services/api/Dockerfile"), "FROM scratch\n");
        Path plan = repo.resolve("slipway.yaml");
        Files.writeString(plan, """
                release: shop
                services:
                  - name: svc;rm -rf /
                    build: {context: ., dockerfile: services/api/Dockerfile}
                    image: shop/api
                """);
        String topic = "test.refused." + UUID.randomUUID();

        Run run = Slipway.run("release", plan.toString(), "--version", "2.1.0",
                "--bootstrap-servers", broker.bootstrapServers(), "--topic", "build-requested=" + topic);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(plan + ": services[0].name: service name 'svc;rm -rf /' is not valid: expected 1-63 lowercase letters");
        try (Admin admin = new KafkaClients(broker.bootstrapServers()).admin()) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain(topic);
        }
    }

    @Test
    void aReleaseIsPinnedToTheCommitAndADirtyTreeIsRefusedUnlessAllowed(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("services/api"));
        Files.writeString(repo.resolve("services/api/Dockerfile"), "FROM scratch\n");
        Path plan = repo.resolve("slipway.yaml");
        Files.writeString(plan, """
                release: shop
                services:
                  - name: api
                    build: {context: ., dockerfile: services/api/Dockerfile}
                    image: shop/api
                    docker: {container: shop-api}
                """);
        String topic = "test.pinned." + UUID.randomUUID();
        Run unversioned = Slipway.run("release", plan.toString(), "--version", "2.1.0",
                "--bootstrap-servers", broker.bootstrapServers(), "--topic", "build-requested=" + topic);
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "shop");
        String commit = git(repo, "rev-parse", "HEAD").strip();
        Files.writeString(repo.resolve("services/api/Dockerfile"), "FROM scratch\nLABEL changed=yes\n");

        Run dirty = Slipway.run("release", plan.toString(), "--version", "2.1.0",
                "--bootstrap-servers", broker.bootstrapServers(), "--topic", "build-requested=" + topic);
        Run allowed = Slipway.run("release", plan.toString(), "--version", "2.1.0", "--allow-dirty",
                "--bootstrap-servers", broker.bootstrapServers(), "--topic", "build-requested=" + topic);

        assertThat(unversioned.exitCode()).isEqualTo(2);
        assertThat(unversioned.err()).contains("is not a git checkout").contains("pass --allow-dirty");
        assertThat(dirty.exitCode()).isEqualTo(2);
        assertThat(dirty.err()).contains(repo + " has uncommitted changes ( M services/api/Dockerfile)")
                .contains("recorded as " + commit + "-dirty");
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        assertThat(allowed.err()).contains("commit " + commit + "-dirty");
        BuildRequested request = EventCodec.instance().decode(EventType.BUILD_REQUESTED,
                new String(readAll(topic, 1).get(0).value(), StandardCharsets.UTF_8));
        assertThat(request.source()).isEqualTo(new SourceRevision(commit, true));
        assertThat(request.replaceVersion()).isFalse();

        Run replacing = Slipway.run("release", plan.toString(), "--version", "2.1.0", "--allow-dirty", "--replace-version",
                "--bootstrap-servers", broker.bootstrapServers(), "--topic", "build-requested=" + topic);
        assertThat(replacing.exitCode()).as(replacing.err()).isZero();
        assertThat(replacing.err()).contains("replacing images of 2.1.0 built before");
        BuildRequested replacingRequest = EventCodec.instance().decode(EventType.BUILD_REQUESTED,
                new String(readAll(topic, 2).get(1).value(), StandardCharsets.UTF_8));
        assertThat(replacingRequest.replaceVersion()).isTrue();
    }

    private static String git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    @Test
    void releaseSaysWhenTheBrokerCannotBeReached() throws IOException {
        String nowhere = "127.0.0.1:" + freePort();

        Run run = Slipway.run("release", "../examples/shop/slipway.yaml", "--version", "2.1.0", "--bootstrap-servers", nowhere);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("cannot reach Kafka at " + nowhere + ": ")
                .contains("Is the broker running? Pass --bootstrap-servers (and --security-protocol, --tls-ca-file, "
                        + "--sasl-username for a TLS or SASL listener).");
    }

    @Test
    void watchSaysWhenTheBrokerCannotBeReached() throws IOException {
        String nowhere = "127.0.0.1:" + freePort();

        Run run = Slipway.run("watch", "shop-2.1.0-5f3a9c1e", "--bootstrap-servers", nowhere);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot reach Kafka at " + nowhere + ": no broker answered within 5 s. "
                + "Is the broker running? Pass --bootstrap-servers (and --security-protocol, --tls-ca-file, --sasl-username "
                + "for a TLS or SASL listener).");
    }

    @Test
    void watchShowsEachStageAndExitsZeroWhenTheReleasePassed() {
        ShopRelease release = new ShopRelease("shop-2.1.0-" + random8());
        try (EventPublisher stages = stages(Topics.defaults())) {
            stages.publish(release.request, release.id);
            for (String service : List.of("web", "api")) {
                stages.publish(release.built(service), release.id);
                stages.publish(release.distributed(service), release.id);
                stages.publish(release.rolledOut(service), release.id);
            }
            stages.publish(release.built("web"), release.id); // a redelivery: the same event again, same id
            ShopRelease other = new ShopRelease("shop-2.1.0-" + random8());
            stages.publish(other.passed(), other.id);
            stages.publish(release.passed(), release.id);
        }

        Run run = Slipway.run("watch", release.id.value(), "--bootstrap-servers", broker.bootstrapServers(), "--timeout", "60s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsSubsequence(
                "shop     build-requested   REQUESTED   version 2.1.0, services web, api",
                "web      image-built       SUCCEEDED   sha256:1a2b3c4d5e6f… 2.1 MB 0.6 s",
                "api      rollout-done      ROLLED_OUT  local shop-api 0.4 s",
                "shop     verified          PASSED      1/1 checks passed",
                "release " + release.id + " (shop 2.1.0): PASSED");
        assertThat(run.out()).containsOnlyOnce("verified ").containsOnlyOnce("web      image-built")
                .contains("stage timings (from event times):");
    }

    @Test
    void watchPrintsTheDiagnosisAndExitsOneWhenTheReleaseFailed() {
        ShopRelease release = new ShopRelease("shop-2.1.0-" + random8());
        String diagnosis = "api on node local: container shop-api exited with code 1; last log line: boom";
        try (EventPublisher stages = stages(Topics.defaults())) {
            stages.publish(release.request, release.id);
            stages.publish(release.rolledBack("api", diagnosis), release.id);
            stages.publish(release.failed(diagnosis), release.id);
        }

        Run run = Slipway.run("watch", release.id.value(), "--bootstrap-servers", broker.bootstrapServers(), "--timeout", "60s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("api      rollout-done      ROLLED_BACK local shop-api 2.1 s: " + diagnosis)
                .contains("release " + release.id + " (shop 2.1.0): FAILED")
                .contains("diagnosis:\n  " + diagnosis + "\n");
    }

    @Test
    void watchWarnsAboutRecordsThatAreNotEventsAndGoesOn() {
        ShopRelease release = new ShopRelease("shop-2.1.0-" + random8());
        try (EventPublisher stages = stages(Topics.defaults());
                KafkaProducer<String, byte[]> raw = new KafkaClients(broker.bootstrapServers()).producer()) {
            stages.publish(release.request, release.id);
            raw.send(new ProducerRecord<>(Topics.defaultName(EventType.IMAGE_BUILT), release.id.value(),
                    "not json".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
            stages.publish(release.passed(), release.id);
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        Run run = Slipway.run("watch", release.id.value(), "--bootstrap-servers", broker.bootstrapServers(), "--timeout", "60s");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).containsPattern("warning: skipped record slipway\\.image-built-0@\\d+: record is not a CloudEvent");
        assertThat(run.out()).contains("release " + release.id + " (shop 2.1.0): PASSED");
    }

    @Test
    void watchStartedBeforeTheTopicsExistFollowsTheReleaseLive() {
        String suffix = random8();
        Map<String, String> names = new HashMap<>();
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", broker.bootstrapServers(), "--timeout", "60s"));
        for (EventType type : EventType.values()) {
            names.put(Topics.configKey(type), "test." + type.channel() + "." + suffix);
            args.addAll(List.of("--topic", type.channel() + "=test." + type.channel() + "." + suffix));
        }
        Topics topics = Topics.from(names::get);
        ShopRelease release = new ShopRelease("shop-2.1.0-" + suffix);
        List<String> watchArgs = new ArrayList<>(List.of("watch", release.id.value()));
        watchArgs.addAll(args);

        CompletableFuture<Run> watch = CompletableFuture.supplyAsync(() -> Slipway.run(watchArgs.toArray(String[]::new)));
        try (EventPublisher stages = stages(topics)) {
            stages.publish(release.request, release.id);
            stages.publish(release.built("web"), release.id);
            stages.publish(release.passed(), release.id);
        }

        Run run = watch.join();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsSubsequence(
                "shop     build-requested   REQUESTED   version 2.1.0, services web, api",
                "web      image-built       SUCCEEDED   sha256:1a2b3c4d5e6f… 2.1 MB 0.6 s",
                "release " + release.id + " (shop 2.1.0): PASSED");
    }

    @Test
    void watchOnAnIdThatWasNeverReleasedSaysSoInsteadOfWaitingForItsTimeout() {
        ShopRelease other = new ShopRelease("shop-2.1.0-" + random8());
        try (EventPublisher stages = stages(Topics.defaults())) {
            stages.publish(other.request, other.id);
        }
        String unknown = "shop-2.1.0-" + random8();

        Run run = Slipway.run("watch", unknown, "--bootstrap-servers", broker.bootstrapServers(), "--timeout", "10m");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no release " + unknown + " on slipway.build-requested at " + broker.bootstrapServers())
                .contains("none arrived in 10 s): check the id slipway release printed, --bootstrap-servers and --topic");
    }

    @Test
    void watchExitsThreeWhenNoVerdictArrivesInTime() {
        ShopRelease release = new ShopRelease("shop-2.1.0-" + random8());
        try (EventPublisher stages = stages(Topics.defaults())) {
            stages.publish(release.request, release.id);
        }

        Run run = Slipway.run("watch", release.id.value(), "--bootstrap-servers", broker.bootstrapServers(), "--timeout", "3s");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("build-requested");
        assertThat(run.err()).contains("no verdict for release " + release.id + " within 3s (1 events seen)");
    }

    private static EventPublisher stages(Topics topics) {
        return new EventPublisher(new KafkaClients(broker.bootstrapServers()), topics, Clock.systemUTC());
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaClients(broker.bootstrapServers()).readOnlyConsumer()) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String random8() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
