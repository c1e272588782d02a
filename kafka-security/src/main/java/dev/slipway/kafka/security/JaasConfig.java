package dev.slipway.kafka.security;

/**
 * The {@code sasl.jaas.config} of a user and password for a SASL mechanism: Kafka's SCRAM or PLAIN login module, the
 * values quoted so that any character of a password (a quote, a backslash) reaches the broker as it is.
 * <pre>
 * SCRAM-SHA-512, slipway-cli, pa"ss  →  org.apache.kafka.common.security.scram.ScramLoginModule required username="slipway-cli" password="pa\"ss";
 * </pre>
 */
final class JaasConfig {
    private JaasConfig() {}

    static String of(String mechanism, String username, String password) {
        String module = mechanism.equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=" + quoted(username) + " password=" + quoted(password) + ";";
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
