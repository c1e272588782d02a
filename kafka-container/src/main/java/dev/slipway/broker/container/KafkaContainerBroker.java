package dev.slipway.broker.container;

import dev.slipway.broker.KafkaBroker;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One real Kafka broker (KRaft, combined controller and broker) in a container of the Kafka image built here,
 * run by Testcontainers' Kafka module on the Docker engine of {@code DOCKER_HOST}; clients reach it on a loopback
 * port the engine maps. The broker keeps every record (tests publish events dated days back) and creates
 * topics on first use, as {@link dev.slipway.broker.EmbeddedKafkaBroker} does.
 * <pre>
 * try (KafkaContainerBroker broker = KafkaContainerBroker.start()) {   // median 7.5 s here (README)
 *     String bootstrap = broker.bootstrapServers();                   // e.g. 10.231.1.1:32838
 * }
 * </pre>
 * {@link #shared()} is one broker for the whole test JVM, for test classes that work on topics of their own.
 */
public final class KafkaContainerBroker implements KafkaBroker {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static KafkaContainerBroker shared;

    private final KafkaContainer container;
    private final boolean isShared;

    private KafkaContainerBroker(KafkaContainer container, boolean isShared) {
        this.container = container;
        this.isShared = isShared;
    }

    /** Starts a broker of its own in a new container; returns once it accepts clients. {@link #close()} removes it. */
    public static KafkaContainerBroker start() {
        return start(BrokerSettings.environment());
    }

    /** A broker of its own with {@code environment} as its {@code KAFKA_*} settings (the start-time measurement compares some). */
    static KafkaContainerBroker start(Map<String, String> environment) {
        return new KafkaContainerBroker(startContainer(KafkaImage.from(System.getenv()), environment), false);
    }

    /**
     * The broker every caller in this JVM shares, started on first use and removed when the JVM exits: for tests on
     * topics and groups of their own (a random suffix per test), not for those that read the default topics from
     * their beginning or count a group's members. Its {@link #close()} does nothing.
     */
    public static synchronized KafkaContainerBroker shared() {
        if (shared == null) {
            KafkaContainerBroker broker = new KafkaContainerBroker(startContainer(KafkaImage.from(System.getenv()),
                    BrokerSettings.environment()), true);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::remove, "slipway-kafka-container-stop"));
            shared = broker;
        }
        return shared;
    }

    private static KafkaContainer startContainer(DockerImageName image, Map<String, String> environment) {
        requireImage(image);
        KafkaContainer container = new KafkaContainer(image)
                // the image is built here (scripts/images.sh kafka): never pull it, Docker Hub is unreachable
                .withImagePullPolicy(name -> false)
                .withEnv(environment)
                .withStartupTimeout(START_TIMEOUT);
        try {
            container.start();
        } catch (RuntimeException e) {
            String logs = logsOf(container);
            container.stop();
            throw new IllegalStateException("the Kafka container of " + image.asCanonicalNameString() + " did not start: "
                    + e.getMessage() + (logs.isEmpty() ? "" : "; its last log lines:\n" + logs), e);
        }
        return container;
    }

    /** Fails with what to do when the engine is unreachable or does not hold the image. */
    private static void requireImage(DockerImageName image) {
        String engine = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("Testcontainers cannot reach the Docker engine at DOCKER_HOST=" + engine
                    + ": start the test engines (scripts/engines.sh start) and set DOCKER_HOST to $SLIPWAY_DOCKER_HOST "
                    + "(the root pom's surefire configuration does when SLIPWAY_DOCKER_HOST is set)");
        }
        try {
            DockerClientFactory.lazyClient().inspectImageCmd(image.asCanonicalNameString()).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            throw new IllegalStateException("the Docker engine at " + engine + " has no image "
                    + image.asCanonicalNameString() + ": build it with scripts/images.sh kafka (scripts/test.sh does), "
                    + "or name another apache/kafka-compatible image in " + KafkaImage.ENV, e);
        }
    }

    private static String logsOf(KafkaContainer container) {
        try {
            String logs = container.getLogs();
            String[] lines = logs.split("\n");
            return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 20), lines.length));
        } catch (RuntimeException e) {
            return "";
        }
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    /** The container's id on the engine. */
    public String containerId() {
        return container.getContainerId();
    }

    /** Removes the container and its data, unless this is the {@linkplain #shared() shared} broker (removed at JVM exit). */
    @Override
    public void close() {
        if (!isShared) {
            remove();
        }
    }

    private void remove() {
        container.stop();
    }

    /** The broker's settings beyond Testcontainers' own (listeners, KRaft roles, replication factors of internal topics). */
    static final class BrokerSettings {
        private BrokerSettings() {}

        /** As {@code KAFKA_*} environment variables, which the image's start script turns into server properties. */
        static Map<String, String> environment() {
            Map<String, String> environment = new java.util.HashMap<>(kept());
            // a test broker lives for seconds to minutes: C1 only starts it sooner than the image's default JIT
            environment.put("KAFKA_JVM_PERFORMANCE_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=128m "
                    + "-XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -Djava.awt.headless=true");
            return environment;
        }

        /** What the tests rely on: topics made on first use with one partition, every record kept. */
        static Map<String, String> kept() {
            return Map.of(
                    "KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true",
                    "KAFKA_NUM_PARTITIONS", "1",
                    // keep every record: tests publish events dated days back (an audit of a release of ten days ago),
                    // which the default 7-day retention deletes at its first check
                    "KAFKA_LOG_RETENTION_MS", "-1",
                    "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1",
                    "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
        }
    }
}
