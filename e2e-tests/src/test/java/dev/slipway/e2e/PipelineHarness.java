package dev.slipway.e2e;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.KafkaContainerBroker;
import dev.slipway.cli.kafka.BuildRequests;
import dev.slipway.cli.kafka.EventPublisher;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.kafka.TopicSnapshot;
import dev.slipway.cli.local.LocalPipeline;
import dev.slipway.cli.local.RepoRoot;
import dev.slipway.cli.plan.PlanFile;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.Version;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The whole pipeline for one test class: a Kafka broker of its own in a container of the image built here
 * (Testcontainers' Kafka module) and the four packaged services (started by the same {@link LocalPipeline} as
 * {@code slipway local}, given that broker as {@code slipway local --bootstrap-servers} does), releases published the
 * way the CLI publishes them, and the topics read back as a user's consumer would. The broker is not shared between
 * classes: the services read the default topics in fixed consumer groups.
 */
final class PipelineHarness implements AutoCloseable {
    static final Duration RELEASE_TIMEOUT = Duration.ofMinutes(3);

    final LocalPipeline pipeline;
    final KafkaClients clients;
    final Path sourceRoot;
    private final KafkaBroker broker;

    private PipelineHarness(KafkaBroker broker, LocalPipeline pipeline, Path sourceRoot) {
        this.broker = broker;
        this.pipeline = pipeline;
        this.clients = new KafkaClients(pipeline.bootstrapServers());
        this.sourceRoot = sourceRoot;
    }

    static Path repo() {
        return RepoRoot.find(Path.of("").toAbsolutePath());
    }

    static String engine() {
        return DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV);
    }

    static String secondEngine() {
        return DockerEngines.testEngine(DockerEngines.SECOND_TEST_ENGINE_ENV);
    }

    /** Starts the pipeline with the builder reading {@code sourceRoot} and the given nodes (name to engine address). */
    static PipelineHarness start(Path sourceRoot, Map<String, String> nodes, Path runFolder) {
        return start(settings(sourceRoot, nodes, runFolder));
    }

    /** The settings {@link #start(Path, Map, Path)} starts with, to add per-stage configuration to. */
    static LocalPipeline.Settings settings(Path sourceRoot, Map<String, String> nodes, Path runFolder) {
        return new LocalPipeline.Settings(repo(), engine(), sourceRoot, runFolder, Duration.ofMinutes(3), nodes);
    }

    /** Starts a broker in a container, then the pipeline on it with {@code settings}. */
    static PipelineHarness start(LocalPipeline.Settings settings) {
        KafkaBroker broker = KafkaContainerBroker.start();
        try {
            LocalPipeline pipeline = LocalPipeline.start(settings.withExternalBroker(broker.bootstrapServers()),
                    line -> System.out.println("[pipeline] " + line));
            return new PipelineHarness(broker, pipeline, settings.sourceRoot());
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** The bundled example (examples/shop) on one node, the engine's {@code shop-} containers removed first. */
    static PipelineHarness startShop(DockerClient docker, Path runFolder) {
        removeContainers(docker, "shop-");
        // a version is built once: images of the example left by a run from another checkout (other content under
        // the same tags) would be refused, so each test class starts without them
        removeImages(docker, "slipway-example/");
        return start(repo().resolve("examples/shop"), Map.of("local", engine()), runFolder);
    }

    /** Stops what {@link #startShop} started (when it did) and removes the example's containers. */
    static void stopShop(PipelineHarness harness, DockerClient docker) throws IOException {
        if (harness != null) {
            harness.close();
        }
        removeContainers(docker, "shop-");
        docker.close();
    }

    /** Publishes a BuildRequested for the plan file (relative to the source root), as `slipway release` does. */
    ReleaseId release(String planFile, String version) {
        var plan = PlanFile.read(sourceRoot.resolve(planFile), sourceRoot);
        try (EventPublisher publisher = new EventPublisher(clients, Topics.defaults(), Clock.systemUTC())) {
            return new BuildRequests(publisher, Clock.systemUTC(), new SecureRandom()).publish(plan, Version.of(version));
        }
    }

    /** Publishes an event of a stage by hand, keyed by its release, as that stage would. */
    void publish(Object event, ReleaseId id) {
        try (EventPublisher publisher = new EventPublisher(clients, Topics.defaults(), Clock.systemUTC())) {
            publisher.publish(event, id);
        }
    }

    /** Waits for the release's Verified and returns it. */
    Verified awaitVerified(ReleaseId id) {
        List<Verified> verdicts = new ArrayList<>();
        await().atMost(RELEASE_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            verdicts.clear();
            verdicts.addAll(events(EventType.VERIFIED, id));
            return !verdicts.isEmpty();
        });
        return verdicts.get(0);
    }

    /** The events of one type for one release, decoded, in topic order. */
    <T> List<T> events(EventType type, ReleaseId id) {
        return records(Topics.defaultName(type)).stream()
                .filter(record -> id.value().equals(record.key()))
                .map(record -> EventCodec.instance().<T>decode(type, new String(record.value(), StandardCharsets.UTF_8)))
                .collect(Collectors.toList());
    }

    /** Every record on a topic, from the beginning to its current end. */
    List<ConsumerRecord<String, byte[]>> records(String topic) {
        return TopicSnapshot.read(clients, topic);
    }

    /** Removes every container on the engine whose name starts with {@code prefix}, running or not. */
    static void removeContainers(DockerClient engine, String prefix) {
        engine.listContainersCmd().withShowAll(true).exec().stream()
                .filter(c -> List.of(c.getNames()).stream().anyMatch(n -> n.startsWith("/" + prefix)))
                .forEach(c -> engine.removeContainerCmd(c.getId()).withForce(true).exec());
    }

    /** Removes every image with a tag starting with {@code prefix} (all its tags), e.g. the example's from earlier runs. */
    static void removeImages(DockerClient engine, String prefix) {
        engine.listImagesCmd().exec().stream()
                .filter(image -> image.getRepoTags() != null && List.of(image.getRepoTags()).stream().anyMatch(t -> t.startsWith(prefix)))
                .forEach(image -> engine.removeImageCmd(image.getId()).withForce(true).exec());
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Stops the pipeline, then removes the broker's container. */
    @Override
    public void close() {
        try {
            pipeline.close();
        } finally {
            broker.close();
        }
    }
}
