package dev.slipway.kafka.security;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.types.Password;

/**
 * The Kafka client properties of a set of {@link KafkaSecuritySettings}: what {@code security.protocol},
 * {@code sasl.mechanism}, {@code sasl.jaas.config} and the PEM trust store become, after every check a user can fail.
 * <pre>
 * slipway.kafka.sasl.username=slipway-builder
 * slipway.kafka.sasl.password-file=/etc/slipway/kafka-user/password     (Strimzi's KafkaUser Secret, key password)
 * slipway.kafka.tls.ca-file=/etc/slipway/kafka-ca/ca.crt                (Secret &lt;cluster&gt;-cluster-ca-cert, key ca.crt)
 *   → security.protocol=SASL_SSL, sasl.mechanism=SCRAM-SHA-512,
 *     sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="slipway-builder" password="…";
 *     ssl.truststore.type=PEM, ssl.truststore.location=/etc/slipway/kafka-ca/ca.crt
 * </pre>
 * Without a protocol given, credentials mean SASL_SSL (a password is not sent in the clear unless
 * {@code SASL_PLAINTEXT} is asked for) and a CA file alone means SSL. The properties of a {@link KafkaSetting#CONFIG_FILE}
 * come first and the other settings override them.
 */
public final class ClientSecurity {
    public static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    public static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");
    /** Strimzi's {@code scram-sha-512} authentication, the usual one. */
    public static final String DEFAULT_MECHANISM = "SCRAM-SHA-512";
    static final String JAAS_CONFIG = "sasl.jaas.config";
    private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";

    private final String protocol;
    private final Optional<String> mechanism;
    private final Optional<String> username;
    private final Map<String, String> properties;

    private ClientSecurity(String protocol, Optional<String> mechanism, Optional<String> username,
            Map<String, String> properties) {
        this.protocol = protocol;
        this.mechanism = mechanism;
        this.username = username;
        this.properties = properties;
    }

    /** Checks the settings, reads their files and returns the client properties; {@link KafkaSettingsException} naming what to fix. */
    public static ClientSecurity of(KafkaSecuritySettings settings, KafkaSetting.Naming naming) {
        Map<String, String> props = new LinkedHashMap<>();
        settings.file(KafkaSetting.CONFIG_FILE).ifPresent(file -> {
            Properties loaded = SecretFiles.properties(file, KafkaSetting.CONFIG_FILE.nameFor(naming));
            loaded.stringPropertyNames().forEach(key -> props.put(key, loaded.getProperty(key)));
        });
        boolean credentials = settings.isSet(KafkaSetting.SASL_USERNAME) || settings.isSet(KafkaSetting.SASL_PASSWORD_FILE)
                || settings.isSet(KafkaSetting.SASL_JAAS_CONFIG_FILE);
        String protocol = protocol(settings, naming, props, credentials);
        boolean sasl = protocol.startsWith("SASL_");
        boolean tls = protocol.endsWith("SSL");
        checkCombination(settings, naming, protocol, sasl, tls, credentials);

        Optional<String> mechanism = Optional.empty();
        Optional<String> username = settings.get(KafkaSetting.SASL_USERNAME);
        props.put("security.protocol", protocol);
        if (sasl && credentials) {
            String chosen = mechanism(settings, naming);
            mechanism = Optional.of(chosen);
            props.put("sasl.mechanism", chosen);
            props.put(JAAS_CONFIG, settings.isSet(KafkaSetting.SASL_JAAS_CONFIG_FILE)
                    ? SecretFiles.text(settings.file(KafkaSetting.SASL_JAAS_CONFIG_FILE).orElseThrow(),
                            KafkaSetting.SASL_JAAS_CONFIG_FILE.nameFor(naming)).trim()
                    : JaasConfig.of(chosen, checkedUsername(username.orElseThrow(), naming),
                            SecretFiles.text(settings.file(KafkaSetting.SASL_PASSWORD_FILE).orElseThrow(),
                                    KafkaSetting.SASL_PASSWORD_FILE.nameFor(naming))));
        } else if (sasl) {
            mechanism = Optional.ofNullable(props.get("sasl.mechanism"));
        }
        if (tls) {
            settings.file(KafkaSetting.TLS_CA_FILE).ifPresent(ca -> {
                checkPem(ca, naming);
                props.put("ssl.truststore.type", "PEM");
                props.put("ssl.truststore.location", ca.toAbsolutePath().toString());
                props.remove("ssl.truststore.certificates");
                props.remove("ssl.truststore.password");
            });
        }
        return new ClientSecurity(protocol, mechanism, username, Map.copyOf(props));
    }

    /** The client properties, {@code sasl.jaas.config} as plain text (for configuration maps that are read back as strings). */
    public Map<String, String> properties() {
        return properties;
    }

    /** The client properties for a Kafka client's constructor: {@code sasl.jaas.config} as Kafka's {@link Password}, printed "[hidden]". */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new LinkedHashMap<>(properties);
        props.computeIfPresent(JAAS_CONFIG, (key, value) -> new Password((String) value));
        return props;
    }

    public String protocol() {
        return protocol;
    }

    public Optional<String> mechanism() {
        return mechanism;
    }

    public Optional<String> username() {
        return username;
    }

    /** What a log may say: protocol, mechanism, user; never a secret. */
    public String summary() {
        StringBuilder summary = new StringBuilder(protocol);
        mechanism.ifPresent(m -> summary.append(' ').append(m));
        username.ifPresent(u -> summary.append(" as ").append(u));
        Optional.ofNullable(properties.get("ssl.truststore.location")).ifPresent(ca -> summary.append(", CA ").append(ca));
        return summary.toString();
    }

    @Override
    public String toString() {
        return summary();
    }

    private static String protocol(KafkaSecuritySettings settings, KafkaSetting.Naming naming, Map<String, String> props,
            boolean credentials) {
        Optional<String> given = settings.get(KafkaSetting.SECURITY_PROTOCOL);
        if (given.isPresent()) {
            String protocol = given.get().toUpperCase(Locale.ROOT);
            if (!PROTOCOLS.contains(protocol)) {
                throw new KafkaSettingsException(KafkaSetting.SECURITY_PROTOCOL.nameFor(naming) + " '" + given.get()
                        + "' is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
            }
            return protocol;
        }
        if (credentials) {
            return "SASL_SSL";
        }
        if (settings.isSet(KafkaSetting.TLS_CA_FILE)) {
            return "SSL";
        }
        String fromFile = props.getOrDefault("security.protocol", "PLAINTEXT").trim().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(fromFile)) {
            throw new KafkaSettingsException(KafkaSetting.CONFIG_FILE.nameFor(naming) + ": security.protocol '" + fromFile
                    + "' is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        }
        return fromFile;
    }

    private static void checkCombination(KafkaSecuritySettings settings, KafkaSetting.Naming naming, String protocol,
            boolean sasl, boolean tls, boolean credentials) {
        String username = KafkaSetting.SASL_USERNAME.nameFor(naming);
        String passwordFile = KafkaSetting.SASL_PASSWORD_FILE.nameFor(naming);
        String jaasFile = KafkaSetting.SASL_JAAS_CONFIG_FILE.nameFor(naming);
        String protocolName = KafkaSetting.SECURITY_PROTOCOL.nameFor(naming);
        if (settings.isSet(KafkaSetting.SASL_MECHANISM) && !credentials) {
            throw new KafkaSettingsException(KafkaSetting.SASL_MECHANISM.nameFor(naming) + " "
                    + settings.get(KafkaSetting.SASL_MECHANISM).get() + " needs a user: " + username + " with "
                    + passwordFile + " (or " + jaasFile + ")");
        }
        if (settings.isSet(KafkaSetting.SASL_JAAS_CONFIG_FILE)
                && (settings.isSet(KafkaSetting.SASL_USERNAME) || settings.isSet(KafkaSetting.SASL_PASSWORD_FILE))) {
            throw new KafkaSettingsException(jaasFile + " already names the user and holds the password: give either it or "
                    + username + " with " + passwordFile + ", not both");
        }
        if (settings.isSet(KafkaSetting.SASL_USERNAME) && !settings.isSet(KafkaSetting.SASL_PASSWORD_FILE)) {
            throw new KafkaSettingsException(username + " " + settings.get(KafkaSetting.SASL_USERNAME).get() + " needs "
                    + passwordFile + ": a file holding the password (it is never taken on the command line or in "
                    + "configuration; Strimzi's KafkaUser Secret has it under the key password)");
        }
        if (settings.isSet(KafkaSetting.SASL_PASSWORD_FILE) && !settings.isSet(KafkaSetting.SASL_USERNAME)) {
            throw new KafkaSettingsException(passwordFile + " needs " + username + ": the user the password belongs to");
        }
        if (credentials && !sasl) {
            throw new KafkaSettingsException("SASL credentials (" + username + ", " + jaasFile + ") need " + protocolName
                    + " SASL_SSL or SASL_PLAINTEXT, not " + protocol);
        }
        if (settings.isSet(KafkaSetting.TLS_CA_FILE) && !tls) {
            throw new KafkaSettingsException(KafkaSetting.TLS_CA_FILE.nameFor(naming) + " is for TLS: it needs " + protocolName
                    + " SSL or SASL_SSL, not " + protocol);
        }
    }

    private static String mechanism(KafkaSecuritySettings settings, KafkaSetting.Naming naming) {
        String mechanism = settings.get(KafkaSetting.SASL_MECHANISM).orElse(DEFAULT_MECHANISM).toUpperCase(Locale.ROOT);
        if (!MECHANISMS.contains(mechanism)) {
            throw new KafkaSettingsException(KafkaSetting.SASL_MECHANISM.nameFor(naming) + " '"
                    + settings.get(KafkaSetting.SASL_MECHANISM).get() + "' is not one of SCRAM-SHA-512, SCRAM-SHA-256, PLAIN");
        }
        return mechanism;
    }

    private static String checkedUsername(String username, KafkaSetting.Naming naming) {
        if (username.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw new KafkaSettingsException(KafkaSetting.SASL_USERNAME.nameFor(naming) + " '" + username.strip()
                    + "' holds a space or a control character; a Kafka user name (a KafkaUser's name) has none");
        }
        return username;
    }

    private static void checkPem(Path ca, KafkaSetting.Naming naming) {
        String name = KafkaSetting.TLS_CA_FILE.nameFor(naming);
        String text = SecretFiles.text(ca, name);
        if (!text.contains(PEM_BEGIN)) {
            throw new KafkaSettingsException(name + " " + ca + " holds no PEM certificate (" + PEM_BEGIN + "): give the CA "
                    + "certificate the broker's certificate is signed with, e.g. ca.crt of Strimzi's <cluster>-cluster-ca-cert Secret");
        }
    }
}
