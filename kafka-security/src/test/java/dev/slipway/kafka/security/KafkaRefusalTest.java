package dev.slipway.kafka.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaRefusalTest {
    @TempDir
    Path dir;

    private ClientSecurity scramUser() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "pw");
        Path ca = Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
        return ClientSecurity.of(KafkaSecuritySettings.from(setting -> Optional.ofNullable(Map.of(
                KafkaSetting.SASL_USERNAME, "slipway-cli", KafkaSetting.SASL_PASSWORD_FILE, password.toString(),
                KafkaSetting.TLS_CA_FILE, ca.toString()).get(setting))), KafkaSetting.Naming.CLI);
    }

    @Test
    void refusedCredentialsNameTheUserAndWhatToCheck() throws Exception {
        Throwable failure = new ExecutionException(new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"));
        assertThat(KafkaRefusal.explain(failure, "kafka:9093", scramUser(), KafkaSetting.Naming.CLI)).contains(
                "Kafka at kafka:9093 refused user slipway-cli (SCRAM-SHA-512): Authentication failed during authentication due "
                        + "to invalid credentials with SASL mechanism SCRAM-SHA-512; check --sasl-username, the password in "
                        + "--sasl-password-file and --sasl-mechanism");
    }

    @Test
    void aFailedHandshakeNamesTheCaFileInOneLine() throws Exception {
        Throwable failure = new SslAuthenticationException("SSL handshake failed",
                new SSLHandshakeException("PKIX path building failed:\n unable to find valid certification path"));
        String message = KafkaRefusal.explain(failure, "kafka:9093", scramUser(), KafkaSetting.Naming.CONFIG).orElseThrow();
        assertThat(message).startsWith("TLS handshake with Kafka at kafka:9093 failed (PKIX path building failed: unable to "
                + "find valid certification path): check that slipway.kafka.tls.ca-file (" + dir.resolve("ca.crt").toAbsolutePath()
                + ") holds the CA that signed the broker's certificate").doesNotContain("\n");
    }

    @Test
    void refusedTopicsAndGroupsAreNamed() throws Exception {
        assertThat(KafkaRefusal.explain(new KafkaException(new TopicAuthorizationException(Set.of("slipway.verified"))),
                "k:9093", scramUser(), KafkaSetting.Naming.CLI)).contains("Kafka at k:9093 refused user slipway-cli access to "
                + "topic slipway.verified: its ACLs do not allow this; grant it in the user's KafkaUser (deploy/strimzi/) or use "
                + "the user meant for this");
        assertThat(KafkaRefusal.explain(new GroupAuthorizationException("no", "slipway-rollout"), "k:9093", scramUser(),
                KafkaSetting.Naming.CLI)).hasValueSatisfying(m -> assertThat(m).contains("the consumer group slipway-rollout"));
    }

    @Test
    void aTimeoutIsNotARefusal() throws Exception {
        assertThat(KafkaRefusal.explain(new TimeoutException("no answer"), "k:9093", scramUser(), KafkaSetting.Naming.CLI))
                .isEmpty();
    }
}
