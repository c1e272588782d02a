package dev.slipway.kafka.security;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

/**
 * A broker that answered and refused, said in one line with what to check: the TLS handshake failed (the CA, the
 * host name), the credentials were refused (user, password file, mechanism), or the user's ACLs do not allow what
 * was asked (which topic or group). Anything else is not a refusal ({@link Optional#empty()}).
 * <pre>
 * SaslAuthenticationException  →  Kafka at kafka:9093 refused user slipway-cli (SCRAM-SHA-512): Authentication failed …;
 *                                 check --sasl-username, the password in --sasl-password-file and --sasl-mechanism
 * </pre>
 */
public final class KafkaRefusal {
    private KafkaRefusal() {}

    public static Optional<String> explain(Throwable failure, String bootstrapServers, ClientSecurity security,
            KafkaSetting.Naming naming) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            Optional<String> message = explainOne(cause, bootstrapServers, security, naming);
            if (message.isPresent()) {
                return message;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> explainOne(Throwable cause, String bootstrap, ClientSecurity security,
            KafkaSetting.Naming naming) {
        String at = "Kafka at " + bootstrap;
        if (cause instanceof SslAuthenticationException) {
            String ca = security.properties().containsKey("ssl.truststore.location")
                    ? KafkaSetting.TLS_CA_FILE.nameFor(naming) + " (" + security.properties().get("ssl.truststore.location") + ")"
                    : "the JVM's default trust store (no " + KafkaSetting.TLS_CA_FILE.nameFor(naming) + " given)";
            return Optional.of("TLS handshake with " + at + " failed (" + rootMessage(cause) + "): check that " + ca
                    + " holds the CA that signed the broker's certificate (Strimzi: ca.crt of <cluster>-cluster-ca-cert), that "
                    + "the certificate names the host you connect to, and " + KafkaSetting.SECURITY_PROTOCOL.nameFor(naming));
        }
        if (cause instanceof UnsupportedSaslMechanismException) {
            return Optional.of(at + " does not offer SASL mechanism " + security.mechanism().orElse("?") + " on this listener ("
                    + oneLine(cause.getMessage()) + "): check " + KafkaSetting.SASL_MECHANISM.nameFor(naming)
                    + " (Strimzi's scram-sha-512 authentication is SCRAM-SHA-512) and the port in the bootstrap servers");
        }
        if (cause instanceof SaslAuthenticationException || cause instanceof AuthenticationException) {
            return Optional.of(at + " refused " + user(security) + " (" + security.mechanism().orElse("SASL") + "): "
                    + oneLine(cause.getMessage()) + "; check " + KafkaSetting.SASL_USERNAME.nameFor(naming) + ", the password in "
                    + KafkaSetting.SASL_PASSWORD_FILE.nameFor(naming) + " and " + KafkaSetting.SASL_MECHANISM.nameFor(naming));
        }
        if (cause instanceof TopicAuthorizationException topics) {
            Set<String> names = new TreeSet<>(topics.unauthorizedTopics());
            return Optional.of(at + " refused " + user(security) + " access to topic" + (names.size() == 1 ? " " : "s ")
                    + (names.isEmpty() ? "(not named)" : String.join(", ", names)) + ": its ACLs do not allow this; grant "
                    + "it in the user's KafkaUser (deploy/strimzi/) or use the user meant for this");
        }
        if (cause instanceof GroupAuthorizationException group) {
            return Optional.of(at + " refused " + user(security) + " the consumer group "
                    + (group.groupId() == null ? "(not named)" : group.groupId()) + ": its ACLs do not allow reading the "
                    + "group; grant it in the user's KafkaUser (deploy/strimzi/)");
        }
        if (cause instanceof ClusterAuthorizationException || cause instanceof AuthorizationException) {
            return Optional.of(at + " refused " + user(security) + ": " + oneLine(cause.getMessage())
                    + "; its ACLs do not allow this");
        }
        return Optional.empty();
    }

    private static String user(ClientSecurity security) {
        return security.username().map(name -> "user " + name).orElse("this client");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return oneLine(root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName());
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
