package dev.slipway.e2e.secured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.slipway.cli.SlipwayCli;
import dev.slipway.cli.local.RepoRoot;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import dev.slipway.kafka.security.ClientSecurity;
import dev.slipway.kafka.security.KafkaRefusal;
import dev.slipway.kafka.security.KafkaSecuritySettings;
import dev.slipway.kafka.security.KafkaSetting;
import dev.slipway.stage.StageKafkaSecurity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CLI and the stages on a secured Kafka: the Kafka image built here with a SASL_SSL listener (a CA and broker
 * certificate made for the test, SCRAM-SHA-512) and Kafka's StandardAuthorizer holding exactly the ACLs of
 * {@code deploy/strimzi/030-KafkaUsers.yaml}. The CLI publishes a release and reads it back as {@code slipway-cli}; a
 * wrong password and a wrong CA are each one line saying what to check; each stage's client settings, made from its
 * Slipway settings the way its Deployment gives them, do what the stage's own configuration says it does (read its
 * input in its group, write its outputs) and are refused everything else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredKafkaTest {
    private static final Path REPO = RepoRoot.find(Path.of("").toAbsolutePath());
    private static final Path KAFKA_USERS = REPO.resolve("deploy/strimzi/030-KafkaUsers.yaml");
    private static final List<String> EVENT_TOPICS = Stream.of(EventType.values()).map(Topics::defaultName).toList();
    private static final String CDEVENTS = "slipway.cdevents";
    private static final String VERIFIER_STATE = "slipway.verifier-state";
    private static final String CONSOLE_INDEX = "slipway.console-index";

    @TempDir
    static Path folder;

    private SecuredKafkaBroker broker;

    @BeforeAll
    void startTheSecuredBroker() {
        assertThat(StrimziKafkaUsers.read(KAFKA_USERS)).containsOnlyKeys("slipway-builder", "slipway-distributor",
                "slipway-rollout", "slipway-verifier", "slipway-console", "slipway-cli");
        broker = SecuredKafkaBroker.startForSlipway(folder, KAFKA_USERS);
        // a record on every topic a client reads, so that a read proves itself by getting it (or by its refusal)
        List<String> read = new java.util.ArrayList<>(EVENT_TOPICS);
        read.add(VERIFIER_STATE);
        Map<String, Object> admin = new HashMap<>();
        broker.admin().forEach((key, value) -> admin.put((String) key, value));
        read.forEach(topic -> write(admin, topic));
    }

    @AfterAll
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    // --- the CLI ---

    private record Run(int exitCode, String out, String err) {}

    private Run slipway(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SlipwayCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private String[] cliOptions(Path passwordFile, Path ca) {
        return new String[] {"--bootstrap-servers", broker.bootstrapServers(), "--sasl-username", "slipway-cli",
                "--sasl-password-file", passwordFile.toString(), "--tls-ca-file", ca.toString()};
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    private String[] release(String version, String... options) {
        return concat(new String[] {"release", REPO.resolve("examples/shop/slipway.yaml").toString(), "--version", version,
                "--allow-dirty"}, options);
    }

    @Test
    void theCliPublishesAReleaseAndReadsItBackOverSaslSsl() throws Exception {
        String[] secured = cliOptions(broker.passwordFile("slipway-cli"), broker.certificates().ca());
        String password = Files.readString(broker.passwordFile("slipway-cli")).strip();

        Run release = slipway(release("7.0.0", secured));
        assertThat(release.exitCode()).as(release.err()).isZero();
        String id = release.out().strip();
        assertThat(release.err()).contains("published dev.slipway.build.requested.v1 for shop 7.0.0");

        Run history = slipway(concat(new String[] {"history", "--since", "1h"}, secured));
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).contains(id);

        Run audit = slipway(concat(new String[] {"audit", id}, secured));
        assertThat(audit.exitCode()).as(audit.err()).isZero();
        assertThat(audit.out()).contains(id).contains("7.0.0");

        // watch reads the release's partition of all five topics: no verdict (no stage runs here), no refusal
        Run watch = slipway(concat(new String[] {"watch", id, "--timeout", "3s"}, secured));
        assertThat(watch.exitCode()).as(watch.err()).isEqualTo(3);
        assertThat(watch.err()).contains("no verdict for release " + id + " within 3s");

        for (Run run : List.of(release, history, audit, watch)) {
            assertThat(run.out() + run.err()).doesNotContain(password);
        }
    }

    @Test
    void aWrongPasswordIsOneLineSayingWhatToCheck() throws Exception {
        Path wrong = Files.writeString(folder.resolve("wrong-password"), "not-the-password\n");

        Run run = slipway(release("7.0.1", cliOptions(wrong, broker.certificates().ca())));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("Kafka at " + broker.bootstrapServers()
                + " refused user slipway-cli (SCRAM-SHA-512): ").endsWith("; check --sasl-username, the password in "
                + "--sasl-password-file and --sasl-mechanism");
        assertThat(run.err()).doesNotContain("not-the-password");
    }

    @Test
    void theSlipwayCommandPrintsARefusalAsItsOnlyLine() throws Exception {
        // the packaged command as a user runs it: its own logging included, stderr is the one line and nothing else
        Path jar = REPO.resolve("cli/target/slipway.jar");
        assertThat(jar).as("cli/target/slipway.jar (./mvnw package -pl cli -am)").isRegularFile();
        Path wrong = Files.writeString(folder.resolve("wrong-password-2"), "wrong\n");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(release("7.0.5", cliOptions(wrong, broker.certificates().ca()))));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(err.lines().toList()).singleElement().asString().startsWith("Kafka at " + broker.bootstrapServers()
                + " refused user slipway-cli (SCRAM-SHA-512): ");
    }

    @Test
    void aWrongCaIsOneLineSayingWhatToCheck() {
        Path otherCa = broker.certificates().otherCa();

        Run run = slipway(release("7.0.2", cliOptions(broker.passwordFile("slipway-cli"), otherCa)));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("TLS handshake with Kafka at "
                + broker.bootstrapServers() + " failed (").contains("check that --tls-ca-file (" + otherCa.toAbsolutePath()
                + ") holds the CA that signed the broker's certificate");
    }

    @Test
    void theCliUserIsRefusedATopicItMayNotWrite() {
        Run run = slipway(release("7.0.3", concat(cliOptions(broker.passwordFile("slipway-cli"), broker.certificates().ca()),
                "--topic", "build-requested=slipway.verified")));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("Kafka at " + broker.bootstrapServers() + " refused user slipway-cli access "
                + "to topic slipway.verified: its ACLs do not allow this; grant it in the user's KafkaUser (deploy/strimzi/) "
                + "or use the user meant for this");
    }

    @Test
    void aMissingPasswordFileIsNamedBeforeAnyConnection() {
        Path missing = folder.resolve("no-such-password");

        Run run = slipway(release("7.0.4", cliOptions(missing, broker.certificates().ca())));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("--sasl-password-file " + missing + ": no such file");
    }

    // --- the stages ---

    Stream<ServiceJob> stages() {
        return Stream.of(
                ServiceJob.of(REPO.resolve("builder-service/src/main/resources/application.properties"), "slipway-builder",
                        List.of(CDEVENTS), List.of()),
                ServiceJob.of(REPO.resolve("distributor-service/src/main/resources/application.properties"),
                        "slipway-distributor", List.of(CDEVENTS), List.of()),
                ServiceJob.of(REPO.resolve("rollout-service/src/main/resources/application.properties"), "slipway-rollout",
                        List.of(CDEVENTS), List.of()),
                ServiceJob.of(REPO.resolve("verifier-service/src/main/resources/application.properties"), "slipway-verifier",
                        List.of(CDEVENTS, VERIFIER_STATE), List.of(VERIFIER_STATE)));
    }

    /** A stage's client settings as its Deployment makes them: kafka.bootstrap.servers and the slipway.kafka.* keys. */
    private Map<String, Object> clientSettings(Map<String, String> slipwayKafka) {
        KafkaSecuritySettings settings = StageKafkaSecurity.settings(key -> Optional.ofNullable(slipwayKafka.get(key)));
        Map<String, Object> props = new HashMap<>(StageKafkaSecurity.merge(Map.of("bootstrap.servers",
                broker.bootstrapServers()), settings, ClientSecurity.of(settings, KafkaSetting.Naming.CONFIG)));
        props.put("max.block.ms", "15000");
        props.put("default.api.timeout.ms", "15000");
        props.put("request.timeout.ms", "10000");
        return props;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void eachStageDoesItsJobAndIsRefusedTheRest(ServiceJob job) {
        Map<String, Object> client = clientSettings(broker.serviceSettings(job.user()));

        readInGroup(client, job.input(), job.group());
        job.writes().forEach(topic -> write(client, topic));
        job.readsWithoutGroup().forEach(topic -> readWithoutGroup(client, topic));

        for (String topic : EVENT_TOPICS) {
            if (!job.writes().contains(topic)) {
                assertRefusedTopic(job.user() + " writing", client, topic, () -> write(client, topic));
            }
            if (!topic.equals(job.input())) {
                assertRefusedTopic(job.user() + " reading", client, topic, () -> readWithoutGroup(client, topic));
            }
        }
        String otherGroup = job.group().equals("slipway-builder") ? "slipway-verifier" : "slipway-builder";
        Throwable refused = failureOf(job.user() + " reading in group " + otherGroup,
                () -> readInGroup(client, job.input(), otherGroup));
        assertThat(refused).as(job.user() + " in group " + otherGroup).isInstanceOf(GroupAuthorizationException.class);
        assertThat(explained(job.user(), client, refused)).contains("refused user " + job.user() + " the consumer group "
                + otherGroup);
    }

    @Test
    void theConsoleReadsTheFiveTopicsAndKeepsItsOwnIndexTopicOnly() throws Exception {
        // the console as Strimzi's Secret mounts it: the key sasl.jaas.config as a file, the cluster CA's ca.crt
        Map<String, Object> client = clientSettings(Map.of(
                KafkaSetting.SASL_JAAS_CONFIG_FILE.key(), broker.jaasConfigFile("slipway-console").toString(),
                KafkaSetting.TLS_CA_FILE.key(), broker.certificates().ca().toString()));

        EVENT_TOPICS.forEach(topic -> readWithoutGroup(client, topic));
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(CONSOLE_INDEX, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        write(client, CONSOLE_INDEX);
        readWithoutGroup(client, CONSOLE_INDEX);

        for (String topic : EVENT_TOPICS) {
            assertRefusedTopic("slipway-console writing", client, topic, () -> write(client, topic));
        }
        assertRefusedTopic("slipway-console reading", client, VERIFIER_STATE, () -> readWithoutGroup(client, VERIFIER_STATE));
        assertThat(failureOf("slipway-console reading in a group", () -> readInGroup(client, EVENT_TOPICS.get(0),
                "slipway-console")))
                .isInstanceOf(GroupAuthorizationException.class);
    }

    // --- clients ---

    /** Reads the topic's first record as a member of {@code group} and commits the offset after it. */
    private static void readInGroup(Map<String, Object> client, String topic, String group) {
        Map<String, Object> props = new HashMap<>(client);
        props.put("group.id", group);
        props.put("enable.auto.commit", "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = readFirstRecord(consumer, topic);
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(consumer.position(partition))));
        }
    }

    /** Reads the topic's first record without a group (assigned, nothing committed). */
    private static void readWithoutGroup(Map<String, Object> client, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(client, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            readFirstRecord(consumer, topic);
        }
    }

    /**
     * Polls until the first record of the topic arrives: a fetch that was answered, so a refusal of the read (not
     * only of the offset lookup, which Describe allows) has surfaced as an exception by then.
     */
    private static TopicPartition readFirstRecord(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (consumer.poll(Duration.ofMillis(200)).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no record read from " + topic + " within 15 s");
            }
        }
        return partition;
    }

    private static void write(Map<String, Object> client, String topic) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "probe".getBytes(), "{}".getBytes())).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /** {@code what} ("slipway-builder writing") on {@code topic} is refused by the broker, and explained naming both. */
    private void assertRefusedTopic(String what, Map<String, Object> client, String topic, Runnable action) {
        String user = what.substring(0, what.indexOf(' '));
        Throwable refused = failureOf(what + " " + topic, action);
        Throwable cause = refused;
        while (cause != null && !(cause instanceof TopicAuthorizationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as(user + " on " + topic + ": " + refused).isInstanceOf(TopicAuthorizationException.class);
        assertThat(((TopicAuthorizationException) cause).unauthorizedTopics()).contains(topic);
        assertThat(explained(user, client, refused)).contains("refused user " + user + " access to topic " + topic);
    }

    private String explained(String user, Map<String, Object> client, Throwable refused) {
        KafkaSecuritySettings settings = KafkaSecuritySettings.from(setting -> Optional.ofNullable(
                broker.serviceSettings(user).get(setting.key())));
        return KafkaRefusal.explain(refused, broker.bootstrapServers(), ClientSecurity.of(settings, KafkaSetting.Naming.CONFIG),
                KafkaSetting.Naming.CONFIG).orElseThrow(() -> new AssertionError("not explained: " + refused));
    }

    private static Throwable failureOf(String what, Runnable action) {
        try {
            action.run();
        } catch (Throwable e) {
            return e;
        }
        return fail(what + ": expected a refusal, but the broker allowed it");
    }
}
