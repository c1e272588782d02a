package dev.slipway.e2e.secured;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.slipway.kafka.security.ClientSecurity;
import dev.slipway.kafka.security.KafkaSecuritySettings;
import dev.slipway.kafka.security.KafkaSetting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The Kafka image built here ({@code slipway/kafka}) as a secured single node: clients on a SASL_SSL listener (the
 * broker certificate of {@link TestCertificates}, SCRAM-SHA-512), Kafka's StandardAuthorizer with no ACL but those the
 * test adds, and every user's SCRAM credential written when the storage is formatted ({@code KAFKA_SCRAM_CREDENTIALS_FILE}).
 * The listener is bound to the same port on the host and in the container, so the address the broker advertises is
 * the one the test connects to. {@code admin} is the only super user on it (the broker's own PLAINTEXT listeners for
 * itself and its controller are not published).
 */
public final class SecuredKafkaBroker implements AutoCloseable {
    static final DockerImageName IMAGE = DockerImageName.parse("slipway/kafka:" + kafkaVersion())
            .asCompatibleSubstituteFor("apache/kafka");
    private static final String SECRETS = "/etc/kafka/secrets/";

    private final GenericContainer<?> container;
    private final int port;
    private final Path folder;
    private final Map<String, Path> passwordFiles;
    private final TestCertificates certificates;

    private SecuredKafkaBroker(GenericContainer<?> container, int port, Path folder, Map<String, Path> passwordFiles,
            TestCertificates certificates) {
        this.container = container;
        this.port = port;
        this.folder = folder;
        this.passwordFiles = passwordFiles;
        this.certificates = certificates;
    }

    /** Starts the broker with a SCRAM-SHA-512 user {@code admin} and each of {@code users}, each with a random password. */
    public static SecuredKafkaBroker start(Path folder, Collection<String> users) {
        TestCertificates certificates = TestCertificates.create(folder.resolve("tls"));
        Map<String, Path> passwordFiles = new LinkedHashMap<>();
        StringBuilder scram = new StringBuilder();
        SecureRandom random = new SecureRandom();
        try {
            Files.createDirectories(folder.resolve("users"));
            for (String user : concat("admin", users)) {
                byte[] bytes = new byte[12];
                random.nextBytes(bytes);
                String password = HexFormat.of().formatHex(bytes);
                passwordFiles.put(user, Files.writeString(folder.resolve("users").resolve(user), password + "\n"));
                scram.append("SCRAM-SHA-512=[name=").append(user).append(",password=").append(password).append("]\n");
            }
            Files.writeString(folder.resolve("scram-credentials"), scram);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        requirePresent(IMAGE);
        int port = freePort();
        GenericContainer<?> container = new GenericContainer<>(IMAGE)
                .withEnv("CLUSTER_ID", "c2xpcHdheS1zZWN1cmVkMQ")
                .withEnv("KAFKA_NODE_ID", "1")
                .withEnv("KAFKA_PROCESS_ROLES", "broker,controller")
                .withEnv("KAFKA_LISTENERS", "SECURED://:" + port + ",BROKER://:9091,CONTROLLER://:9093")
                .withEnv("KAFKA_ADVERTISED_LISTENERS", "SECURED://localhost:" + port + ",BROKER://localhost:9091")
                .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "SECURED:SASL_SSL,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
                .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "BROKER")
                .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
                .withEnv("KAFKA_LISTENER_NAME_SECURED_SCRAM___SHA___512_SASL_JAAS_CONFIG",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .withEnv("KAFKA_SSL_KEYSTORE_TYPE", "PEM")
                .withEnv("KAFKA_SSL_KEYSTORE_LOCATION", SECRETS + "broker.pem")
                .withEnv("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                // the broker reaches its own controller as ANONYMOUS over the PLAINTEXT listeners that stay in the container
                .withEnv("KAFKA_SUPER_USERS", "User:admin;User:ANONYMOUS")
                .withEnv("KAFKA_SCRAM_CREDENTIALS_FILE", SECRETS + "scram-credentials")
                .withCopyFileToContainer(MountableFile.forHostPath(certificates.brokerPem(), 0644), SECRETS + "broker.pem")
                .withCopyFileToContainer(MountableFile.forHostPath(folder.resolve("scram-credentials"), 0644),
                        SECRETS + "scram-credentials")
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withExposedPorts(ExposedPort.tcp(port));
                    cmd.getHostConfig().withPortBindings(
                            new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", port), ExposedPort.tcp(port)));
                })
                .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(2)));
        container.start();
        return new SecuredKafkaBroker(container, port, folder, passwordFiles, certificates);
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public TestCertificates certificates() {
        return certificates;
    }

    /** The file holding {@code user}'s password (as a Strimzi KafkaUser Secret mounts its key {@code password}). */
    public Path passwordFile(String user) {
        return passwordFiles.get(user);
    }

    /** The user's {@code sasl.jaas.config} in a file, as a Strimzi KafkaUser Secret mounts that key. */
    Path jaasConfigFile(String user) {
        try {
            String password = Files.readString(passwordFile(user)).strip();
            return Files.writeString(folder.resolve("users").resolve(user + ".sasl.jaas.config"),
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                            + password + "\";");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Slipway settings of a service that connects as {@code user}: what its Deployment's configuration holds. */
    public Map<String, String> serviceSettings(String user) {
        return Map.of(KafkaSetting.SASL_USERNAME.key(), user,
                KafkaSetting.SASL_PASSWORD_FILE.key(), passwordFile(user).toString(),
                KafkaSetting.TLS_CA_FILE.key(), certificates.ca().toString());
    }

    /** The super user's client properties. */
    public Properties admin() {
        ClientSecurity security = ClientSecurity.of(KafkaSecuritySettings.from(setting -> Optional.ofNullable(
                serviceSettings("admin").get(setting.key()))), KafkaSetting.Naming.CONFIG);
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers());
        props.putAll(security.clientProperties());
        return props;
    }

    /**
     * Starts the broker with the users of the KafkaUser manifest, creates the pipeline's topics as {@code deploy/}
     * names them (the five event topics, four dead-letter topics, slipway.cdevents, the verifier's compacted state
     * topic; 1 partition each) and gives the users exactly the manifest's ACLs.
     */
    public static SecuredKafkaBroker startForSlipway(Path folder, Path kafkaUsers) {
        Map<String, List<AclBinding>> users = StrimziKafkaUsers.read(kafkaUsers);
        SecuredKafkaBroker broker = start(folder, users.keySet());
        try {
            List<NewTopic> topics = new java.util.ArrayList<>();
            for (dev.slipway.events.EventType type : dev.slipway.events.EventType.values()) {
                String topic = dev.slipway.events.Topics.defaultName(type);
                topics.add(new NewTopic(topic, 1, (short) 1));
                if (type != dev.slipway.events.EventType.VERIFIED) {
                    topics.add(new NewTopic(topic + ".dead-letter", 1, (short) 1));
                }
            }
            topics.add(new NewTopic("slipway.cdevents", 1, (short) 1));
            topics.add(new NewTopic("slipway.verifier-state", 1, (short) 1).configs(Map.of(
                    org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_CONFIG,
                    org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_COMPACT)));
            // the console's index topic is not created here: the console creates it at its first start
            broker.prepare(topics, users.values().stream().flatMap(List::stream).toList());
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** Creates the topics (1 partition each; compacted where asked) and the ACL bindings, as the super user. */
    void prepare(List<NewTopic> topics, Collection<AclBinding> acls) {
        try (Admin admin = Admin.create(admin())) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("preparing the secured broker failed: " + e.getMessage(), e);
        }
    }

    public String logs() {
        return container.getLogs();
    }

    @Override
    public void close() {
        container.stop();
    }

    private static List<String> concat(String first, Collection<String> rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** Testcontainers would otherwise try to pull the image from Docker Hub and fail without saying how to build it. */
    private static void requirePresent(DockerImageName image) {
        try {
            org.testcontainers.DockerClientFactory.instance().client().inspectImageCmd(image.asCanonicalNameString()).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            throw new IllegalStateException(image.asCanonicalNameString() + " is not in the Docker engine at "
                    + org.testcontainers.DockerClientFactory.instance().getTransportConfig().getDockerHost()
                    + "; build it first: scripts/images.sh kafka", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String kafkaVersion() {
        return System.getProperty("slipway.kafka-version", "4.1.2");
    }
}
