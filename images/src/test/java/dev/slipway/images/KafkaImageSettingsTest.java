package dev.slipway.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.ToStringConsumer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.images.builder.Transferable;

/**
 * What slipway/kafka's start makes of its environment: the server.properties it writes, and the messages it stops
 * with when the environment cannot describe a node.
 */
class KafkaImageSettingsTest {

    /**
     * Runs the container to its end and returns its output (stdout and stderr). Collected as it comes: a container
     * that exits non-zero fails Testcontainers' start, which removes it before its logs could be asked for.
     */
    private static String runToEnd(GenericContainer<?> container) {
        ToStringConsumer output = new ToStringConsumer();
        try (container) {
            container.withLogConsumer(output)
                    .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)));
            try {
                container.start();
            } catch (RuntimeException e) {
                // a non-zero exit: the output says why
            }
        }
        return output.toUtf8String();
    }

    @Test
    void environmentBecomesServerPropertiesAsInTheApacheKafkaImage() {
        String properties = runToEnd(new GenericContainer<>(SlipwayImages.kafka())
                .withCreateContainerCmdModifier(create -> create.withHostName("kafka-2"))
                .withEnv("KAFKA_PROCESS_ROLES", "broker")
                .withEnv("KAFKA_NODE_ID_OFFSET", "100")
                .withEnv("KAFKA_LISTENER_NAME_SASL__PLAINTEXT_SCRAM___SHA___512_SASL_JAAS_CONFIG", "x required;")
                .withEnv("KAFKA_HEAP_OPTS", "-Xmx1g")
                .withEnv("KAFKA_PORT", "tcp://10.0.0.1:9092")
                .withCommand("bash", "-c", ". /etc/kafka/docker/properties.sh && write_server_properties /tmp/p && cat /tmp/p"));

        assertThat(properties.lines())
                .contains("process.roles=broker",
                        "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=x required;",
                        "node.id=102",
                        "log.dirs=/var/lib/kafka/data",
                        "log.cleaner.dedupe.buffer.size=16777216")
                .noneMatch(line -> line.startsWith("heap.opts") || line.startsWith("port=") || line.startsWith("listeners="));
    }

    @Test
    void withoutProcessRolesTheSingleNodeFillsInWhatIsNotSet() {
        String properties = runToEnd(new GenericContainer<>(SlipwayImages.kafka())
                .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka.example:9092")
                .withCommand("bash", "-c", ". /etc/kafka/docker/properties.sh && write_server_properties /tmp/p && cat /tmp/p"));

        assertThat(properties.lines())
                .contains("advertised.listeners=PLAINTEXT://kafka.example:9092", "node.id=1",
                        "process.roles=broker,controller", "controller.quorum.voters=1@localhost:9093")
                .doesNotContain("advertised.listeners=PLAINTEXT://localhost:9092");
    }

    @Test
    void aNodeWithNeitherIdNorOrdinalStopsSayingWhatToSet() {
        String output = runToEnd(new GenericContainer<>(SlipwayImages.kafka())
                .withCreateContainerCmdModifier(create -> create.withHostName("broker"))
                .withEnv("KAFKA_PROCESS_ROLES", "broker,controller"));

        assertThat(output).contains("KAFKA_PROCESS_ROLES is set but KAFKA_NODE_ID is not, and the host name 'broker' "
                + "does not end in a StatefulSet ordinal (-0, -1, ...) to take it from; set KAFKA_NODE_ID");
    }

    @Test
    void aMalformedScramLineStopsTheStartNamingTheLineWithoutPrintingIt() {
        String output = runToEnd(new GenericContainer<>(SlipwayImages.kafka())
                .withEnv("KAFKA_SCRAM_CREDENTIALS_FILE", "/tmp/users.txt")
                .withCopyToContainer(Transferable.of("SCRAM-SHA-512=[name=builder,password=s3cret]\n"
                        + "builder:s3cret\n", 0644), "/tmp/users.txt"));

        assertThat(output)
                .contains("/tmp/users.txt line 2 is not a SCRAM credential; expected "
                        + "SCRAM-SHA-256=[name=USER,password=PASSWORD] or SCRAM-SHA-512=[...]")
                .doesNotContain("s3cret")
                .doesNotContain("Transitioning from RECOVERY to RUNNING");
    }
}
