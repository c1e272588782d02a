package dev.slipway.cli.kafka;

/** No Kafka broker answered at the configured address; the message says what to do. */
public final class BrokerUnreachableException extends RuntimeException {
    public BrokerUnreachableException(String bootstrapServers, String cause) {
        super("cannot reach Kafka at " + bootstrapServers + ": " + cause
                + ". Is the broker running? Pass --bootstrap-servers (and --security-protocol, --tls-ca-file, --sasl-username for a "
                + "TLS or SASL listener).");
    }
}
