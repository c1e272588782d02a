package dev.slipway.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BootstrapServersTest {
    @ParameterizedTest
    @ValueSource(strings = {"kafka:9092", "localhost:32771", "10.0.0.5:9092,10.0.0.6:9092", "[::1]:9092",
            "kafka-0.kafka.slipway.svc:9092"})
    void acceptsHostsAndPorts(String address) {
        assertThat(new BootstrapServers(address).value()).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "kafka", "kafka:", "kafka:0", "kafka:65536", "kafka:9092,", "kafka;rm -rf /:9092",
            "PLAINTEXT://kafka:9092", " kafka:9092"})
    void refusesAnythingElseNamingTheOption(String address) {
        assertThatThrownBy(() -> new BootstrapServers(address)).isInstanceOf(LocalPipelineException.class)
                .hasMessage("--bootstrap-servers '" + address + "' is not a Kafka address such as kafka:9092 or "
                        + "10.0.0.5:9092,10.0.0.6:9092 (host:port, comma-separated)");
    }

    @Test
    void aBrokerGivenCannotBeTheOneALayoutRestarts() {
        LocalPipeline.Settings settings = new LocalPipeline.Settings(java.nio.file.Path.of("/repo"), "unix:///e.sock",
                java.nio.file.Path.of("/repo"), java.nio.file.Path.of("/run"), java.time.Duration.ofMinutes(1))
                .withExternalBroker("127.0.0.1:9092");

        assertThat(settings.externalBroker()).contains(new BootstrapServers("127.0.0.1:9092"));
        assertThatThrownBy(() -> settings.withLayout(new LocalPipeline.Layout(1, 1, true)))
                .isInstanceOf(LocalPipelineException.class)
                .hasMessage("the layout runs the broker in its own process, to restart it: it cannot use the Kafka at "
                        + "127.0.0.1:9092 instead");
    }
}
