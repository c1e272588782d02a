package dev.slipway.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.kafka.security.ClientSecurity;
import dev.slipway.kafka.security.KafkaSecuritySettings;
import dev.slipway.kafka.security.KafkaSetting;
import dev.slipway.kafka.security.KafkaSettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageKafkaSecurityTest {
    @TempDir
    Path dir;

    private static KafkaSecuritySettings settings(Map<String, String> config) {
        return StageKafkaSecurity.settings(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void withoutSlipwaySettingsTheKafkaKeysReachTheClientsAsTheyAre() {
        Map<String, Object> kafka = Map.of("bootstrap.servers", "k:9092", "security.protocol", "SSL");
        KafkaSecuritySettings none = settings(Map.of());
        assertThat(StageKafkaSecurity.merge(kafka, none, ClientSecurity.of(none, KafkaSetting.Naming.CONFIG)))
                .isSameAs(kafka);
    }

    @Test
    void theSlipwaySettingsGoOnTopOfTheKafkaKeys() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "pw");
        KafkaSecuritySettings given = settings(Map.of("slipway.kafka.sasl.username", "slipway-builder",
                "slipway.kafka.sasl.password-file", password.toString(), "slipway.kafka.security-protocol", "SASL_PLAINTEXT"));
        Map<String, Object> merged = StageKafkaSecurity.merge(Map.of("bootstrap.servers", "k:9092",
                "security.protocol", "PLAINTEXT", "group.id", "slipway-builder"), given,
                ClientSecurity.of(given, KafkaSetting.Naming.CONFIG));
        assertThat(merged).containsEntry("bootstrap.servers", "k:9092").containsEntry("group.id", "slipway-builder")
                .containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"slipway-builder\" password=\"pw\";");
    }

    @Test
    void aSettingThatCannotBeUsedNamesItsKey() {
        KafkaSecuritySettings given = settings(Map.of("slipway.kafka.sasl.username", "slipway-builder"));
        assertThatThrownBy(() -> ClientSecurity.of(given, KafkaSetting.Naming.CONFIG))
                .isInstanceOf(KafkaSettingsException.class)
                .hasMessageStartingWith("slipway.kafka.sasl.username slipway-builder needs slipway.kafka.sasl.password-file");
    }
}
