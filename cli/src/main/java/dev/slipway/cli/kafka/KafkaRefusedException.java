package dev.slipway.cli.kafka;

/**
 * A broker answered and refused: the TLS handshake failed, the credentials were refused, or the user's ACLs do not
 * allow what the command asked. The message is one line saying what to check.
 */
public final class KafkaRefusedException extends RuntimeException {
    public KafkaRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
