package dev.slipway.kafka.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSecurityTest {
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static KafkaSecuritySettings settings(Map<KafkaSetting, String> values) {
        return KafkaSecuritySettings.from(setting -> java.util.Optional.ofNullable(values.get(setting)));
    }

    @Test
    void nothingSetIsPlaintext() {
        ClientSecurity security = ClientSecurity.of(KafkaSecuritySettings.none(), KafkaSetting.Naming.CLI);
        assertThat(security.properties()).containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void strimziUserAndClusterCaBecomeSaslSslWithScramAndAPemTrustStore() throws Exception {
        Path password = file("password", "s3cr\"et\\x\n");
        Path ca = file("ca.crt", PEM);
        ClientSecurity security = ClientSecurity.of(settings(Map.of(KafkaSetting.SASL_USERNAME, "slipway-builder",
                KafkaSetting.SASL_PASSWORD_FILE, password.toString(), KafkaSetting.TLS_CA_FILE, ca.toString())),
                KafkaSetting.Naming.CONFIG);

        assertThat(security.properties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", ca.toAbsolutePath().toString());
        AppConfigurationEntry entry = JaasContext.loadClientContext(security.clientProperties()).configurationEntries().get(0);
        assertThat(entry.getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        assertThat(entry.getOptions().get("username")).isEqualTo("slipway-builder");
        assertThat(entry.getOptions().get("password")).isEqualTo("s3cr\"et\\x");
        assertThat(security.summary()).isEqualTo("SASL_SSL SCRAM-SHA-512 as slipway-builder, CA " + ca.toAbsolutePath());
        assertThat(security.clientProperties().toString()).doesNotContain("s3cr").contains("[hidden]");
    }

    @Test
    void plainMechanismOverPlaintextWhenAskedFor() throws Exception {
        Path password = file("password", "pw");
        ClientSecurity security = ClientSecurity.of(settings(Map.of(KafkaSetting.SECURITY_PROTOCOL, "sasl_plaintext",
                KafkaSetting.SASL_MECHANISM, "PLAIN", KafkaSetting.SASL_USERNAME, "u", KafkaSetting.SASL_PASSWORD_FILE,
                password.toString())), KafkaSetting.Naming.CLI);
        assertThat(security.properties()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"u\" password=\"pw\";");
    }

    @Test
    void strimziJaasConfigFileIsUsedAsItIs() throws Exception {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"slipway-cli\" password=\"x\";";
        Path file = file("sasl.jaas.config", jaas);
        ClientSecurity security = ClientSecurity.of(settings(Map.of(KafkaSetting.SASL_JAAS_CONFIG_FILE, file.toString())),
                KafkaSetting.Naming.CONFIG);
        assertThat(security.properties()).containsEntry("sasl.jaas.config", jaas).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void aCaFileAloneMeansTls() throws Exception {
        Path ca = file("ca.crt", PEM);
        assertThat(ClientSecurity.of(settings(Map.of(KafkaSetting.TLS_CA_FILE, ca.toString())), KafkaSetting.Naming.CLI)
                .properties()).containsEntry("security.protocol", "SSL").containsEntry("ssl.truststore.type", "PEM");
    }

    @Test
    void theSettingsOverrideTheConfigFile() throws Exception {
        Path config = file("client.properties", "security.protocol=SSL\nclient.dns.lookup=use_all_dns_ips\n");
        ClientSecurity fromFile = ClientSecurity.of(settings(Map.of(KafkaSetting.CONFIG_FILE, config.toString())),
                KafkaSetting.Naming.CLI);
        assertThat(fromFile.properties()).containsEntry("security.protocol", "SSL")
                .containsEntry("client.dns.lookup", "use_all_dns_ips");
        ClientSecurity overridden = ClientSecurity.of(settings(Map.of(KafkaSetting.CONFIG_FILE, config.toString(),
                KafkaSetting.SECURITY_PROTOCOL, "PLAINTEXT")), KafkaSetting.Naming.CLI);
        assertThat(overridden.properties()).containsEntry("security.protocol", "PLAINTEXT");
    }

    @Test
    void everyMistakeIsNamedWithTheSettingToFix() throws Exception {
        Path password = file("password", "pw");
        assertRefused(Map.of(KafkaSetting.SASL_MECHANISM, "SCRAM-SHA-256"), KafkaSetting.Naming.CLI,
                "--sasl-mechanism SCRAM-SHA-256 needs a user: --sasl-username with --sasl-password-file");
        assertRefused(Map.of(KafkaSetting.SASL_USERNAME, "u"), KafkaSetting.Naming.CLI,
                "--sasl-username u needs --sasl-password-file: a file holding the password");
        assertRefused(Map.of(KafkaSetting.SASL_USERNAME, "u", KafkaSetting.SASL_PASSWORD_FILE, dir.resolve("nope").toString()),
                KafkaSetting.Naming.CONFIG, "slipway.kafka.sasl.password-file " + dir.resolve("nope") + ": no such file");
        assertRefused(Map.of(KafkaSetting.SASL_USERNAME, "u", KafkaSetting.SASL_PASSWORD_FILE, dir.toString()),
                KafkaSetting.Naming.CLI, "--sasl-password-file " + dir + " is a folder, not a file");
        assertRefused(Map.of(KafkaSetting.SASL_USERNAME, "u", KafkaSetting.SASL_PASSWORD_FILE, file("empty", "\n").toString()),
                KafkaSetting.Naming.CLI, "is empty");
        assertRefused(Map.of(KafkaSetting.SASL_USERNAME, "u", KafkaSetting.SASL_PASSWORD_FILE, password.toString(),
                KafkaSetting.SECURITY_PROTOCOL, "SSL"), KafkaSetting.Naming.CLI,
                "need --security-protocol SASL_SSL or SASL_PLAINTEXT, not SSL");
        assertRefused(Map.of(KafkaSetting.SECURITY_PROTOCOL, "TLS"), KafkaSetting.Naming.CONFIG,
                "slipway.kafka.security-protocol 'TLS' is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        assertRefused(Map.of(KafkaSetting.SASL_USERNAME, "u", KafkaSetting.SASL_PASSWORD_FILE, password.toString(),
                KafkaSetting.SASL_MECHANISM, "GSSAPI"), KafkaSetting.Naming.CLI,
                "--sasl-mechanism 'GSSAPI' is not one of SCRAM-SHA-512, SCRAM-SHA-256, PLAIN");
        assertRefused(Map.of(KafkaSetting.TLS_CA_FILE, password.toString()), KafkaSetting.Naming.CLI,
                "--tls-ca-file " + password + " holds no PEM certificate");
        assertRefused(Map.of(KafkaSetting.TLS_CA_FILE, file("ca.crt", PEM).toString(), KafkaSetting.SECURITY_PROTOCOL,
                "SASL_PLAINTEXT"), KafkaSetting.Naming.CLI, "--tls-ca-file is for TLS: it needs --security-protocol SSL or SASL_SSL");
        assertRefused(Map.of(KafkaSetting.SASL_USERNAME, "u", KafkaSetting.SASL_PASSWORD_FILE, password.toString(),
                KafkaSetting.SASL_JAAS_CONFIG_FILE, password.toString()), KafkaSetting.Naming.CLI, "not both");
        assertRefused(Map.of(KafkaSetting.CONFIG_FILE, dir.resolve("client.properties").toString()), KafkaSetting.Naming.CLI,
                "--kafka-config " + dir.resolve("client.properties") + ": no such file");
    }

    @Test
    void theDescriptionOfTheSettingsNamesFilesNotTheirContent() throws Exception {
        Path password = file("password", "hunter2");
        KafkaSecuritySettings settings = settings(Map.of(KafkaSetting.SASL_USERNAME, "u",
                KafkaSetting.SASL_PASSWORD_FILE, password.toString()));
        assertThat(settings.describe(KafkaSetting.Naming.CLI)).isEqualTo("--sasl-username u, --sasl-password-file " + password);
        assertThat(settings.toString()).doesNotContain("hunter2");
        assertThat(KafkaSetting.SASL_PASSWORD_FILE.env()).isEqualTo("SLIPWAY_KAFKA_SASL_PASSWORD_FILE");
    }

    private void assertRefused(Map<KafkaSetting, String> values, KafkaSetting.Naming naming, String message) {
        assertThatThrownBy(() -> ClientSecurity.of(settings(values), naming))
                .isInstanceOf(KafkaSettingsException.class).hasMessageContaining(message);
    }
}
