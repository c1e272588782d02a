package dev.slipway.cli;

import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.events.Topics;
import dev.slipway.kafka.security.ClientSecurity;
import dev.slipway.kafka.security.KafkaSecuritySettings;
import dev.slipway.kafka.security.KafkaSetting;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The Kafka options every command that talks to the broker shares: where it is, how to reach it (TLS, SASL) and the
 * topic names. Each security option also reads an environment variable (the services' configuration key in upper
 * case); a password is only ever read from a file.
 */
final class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "host:port",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "channel=topic",
            description = "Topic of a channel when not the default slipway.<channel>, e.g. --topic build-requested=team.build-requested.")
    Map<String, String> topics = new LinkedHashMap<>();

    @Option(names = "--security-protocol", paramLabel = "PROTOCOL", defaultValue = "${env:SLIPWAY_KAFKA_SECURITY_PROTOCOL}",
            description = "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL ($SLIPWAY_KAFKA_SECURITY_PROTOCOL; default: SASL_SSL "
                    + "with --sasl-username or --sasl-jaas-config-file, SSL with only --tls-ca-file, else PLAINTEXT).")
    String securityProtocol;

    @Option(names = "--sasl-mechanism", paramLabel = "MECHANISM", defaultValue = "${env:SLIPWAY_KAFKA_SASL_MECHANISM}",
            description = "SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN ($SLIPWAY_KAFKA_SASL_MECHANISM; default SCRAM-SHA-512, "
                    + "Strimzi's scram-sha-512 authentication).")
    String saslMechanism;

    @Option(names = "--sasl-username", paramLabel = "USER", defaultValue = "${env:SLIPWAY_KAFKA_SASL_USERNAME}",
            description = "The Kafka user, e.g. slipway-cli, the KafkaUser of deploy/strimzi/ ($SLIPWAY_KAFKA_SASL_USERNAME).")
    String saslUsername;

    @Option(names = "--sasl-password-file", paramLabel = "FILE", defaultValue = "${env:SLIPWAY_KAFKA_SASL_PASSWORD_FILE}",
            description = "A file holding the user's password, e.g. the key password of its Strimzi Secret "
                    + "($SLIPWAY_KAFKA_SASL_PASSWORD_FILE). A password is never taken on the command line.")
    String saslPasswordFile;

    @Option(names = "--sasl-jaas-config-file", paramLabel = "FILE", defaultValue = "${env:SLIPWAY_KAFKA_SASL_JAAS_CONFIG_FILE}",
            description = "Instead of --sasl-username and --sasl-password-file: a file holding a sasl.jaas.config, e.g. the "
                    + "key sasl.jaas.config of a Strimzi KafkaUser Secret ($SLIPWAY_KAFKA_SASL_JAAS_CONFIG_FILE).")
    String saslJaasConfigFile;

    @Option(names = "--tls-ca-file", paramLabel = "FILE", defaultValue = "${env:SLIPWAY_KAFKA_TLS_CA_FILE}",
            description = "PEM file of the CA(s) the broker's certificate is checked against, e.g. ca.crt of Strimzi's "
                    + "<cluster>-cluster-ca-cert Secret ($SLIPWAY_KAFKA_TLS_CA_FILE; default: the JVM's trust store).")
    String tlsCaFile;

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:SLIPWAY_KAFKA_CONFIG_FILE}",
            description = "A properties file of any Kafka client settings, as Kafka's own --command-config "
                    + "($SLIPWAY_KAFKA_CONFIG_FILE); the options above override it.")
    String kafkaConfig;

    /** The security options as given. */
    KafkaSecuritySettings securitySettings() {
        Map<KafkaSetting, String> given = new java.util.EnumMap<>(KafkaSetting.class);
        put(given, KafkaSetting.SECURITY_PROTOCOL, securityProtocol);
        put(given, KafkaSetting.SASL_MECHANISM, saslMechanism);
        put(given, KafkaSetting.SASL_USERNAME, saslUsername);
        put(given, KafkaSetting.SASL_PASSWORD_FILE, saslPasswordFile);
        put(given, KafkaSetting.SASL_JAAS_CONFIG_FILE, saslJaasConfigFile);
        put(given, KafkaSetting.TLS_CA_FILE, tlsCaFile);
        put(given, KafkaSetting.CONFIG_FILE, kafkaConfig);
        return KafkaSecuritySettings.from(setting -> Optional.ofNullable(given.get(setting)));
    }

    /** The clients; {@link dev.slipway.kafka.security.KafkaSettingsException} when a security option cannot be used. */
    KafkaClients clients() {
        return new KafkaClients(bootstrapServers, ClientSecurity.of(securitySettings(), KafkaSetting.Naming.CLI));
    }

    Topics topics() {
        return Topics.from(key -> topics.get(key.substring((Topics.PREFIX + "topic.").length())));
    }

    private static void put(Map<KafkaSetting, String> given, KafkaSetting setting, String value) {
        if (value != null) {
            given.put(setting, value);
        }
    }
}
