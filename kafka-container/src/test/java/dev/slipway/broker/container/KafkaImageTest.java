package dev.slipway.broker.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

class KafkaImageTest {
    @Test
    void theImageBuiltHereUnlessTheEnvironmentNamesAnother() {
        assertThat(KafkaImage.from(Map.of()).asCanonicalNameString()).isEqualTo("slipway/kafka:4.1.2");
        assertThat(KafkaImage.from(Map.of(KafkaImage.ENV, " ")).asCanonicalNameString()).isEqualTo("slipway/kafka:4.1.2");
        assertThat(KafkaImage.from(Map.of(KafkaImage.ENV, "127.0.0.1:5000/team/kafka:4.1.2")).asCanonicalNameString())
                .isEqualTo("127.0.0.1:5000/team/kafka:4.1.2");
    }

    @Test
    void itStandsInForApacheKafkaSoThatTheKafkaModuleAcceptsIt() {
        assertThat(KafkaImage.from(Map.of()).isCompatibleWith(DockerImageName.parse("apache/kafka"))).isTrue();
    }

    @Test
    void aNameThatIsNotAnImageNameIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> KafkaImage.from(Map.of(KafkaImage.ENV, "slipway/kafka:4.1.2;rm -rf /")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SLIPWAY_KAFKA_IMAGE 'slipway/kafka:4.1.2;rm -rf /' is not an image name such as "
                        + "slipway/kafka:4.1.2");
    }
}
