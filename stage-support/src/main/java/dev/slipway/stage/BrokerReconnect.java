package dev.slipway.stage;

import java.time.Duration;
import java.util.Map;

/**
 * How long a stage's Kafka client waits, at most, before trying a lost broker again. The Kafka client backs
 * off exponentially between attempts up to {@code reconnect.backoff.max.ms}: 1 s by Kafka's default, but
 * SmallRye Kafka raises it to 10 s for the clients it creates. After a broker restart of 10 s or more the
 * stages then went on waiting up to 10 s with the broker back (measured: 8-13 s from the broker answering
 * to the verdict of a release it interrupted). Slipway puts the ceiling back to
 * {@code slipway.stage.reconnect-backoff-max} (default 1 s) unless the channel sets the key itself.
 * <pre>
 * (SmallRye: reconnect.backoff.max.ms=10000)  →  reconnect.backoff.max.ms=1000
 * mp.messaging.incoming.c.reconnect.backoff.max.ms=5000  →  left as it is
 * </pre>
 */
public final class BrokerReconnect {
    /** Kafka's {@code reconnect.backoff.ms}, the first wait: the ceiling cannot be below it. */
    private static final Duration FIRST_WAIT = Duration.ofMillis(50);

    private BrokerReconnect() {}

    /** The client settings to add; nothing when the channel configures {@code reconnect.backoff.max.ms} itself. */
    public static Map<String, Object> settings(boolean configuredForChannel, Duration maxWait) {
        if (maxWait.compareTo(FIRST_WAIT) < 0) {
            throw new IllegalArgumentException("slipway.stage.reconnect-backoff-max " + maxWait + " is below the Kafka "
                    + "client's first wait between attempts (reconnect.backoff.ms, 50 ms)");
        }
        if (configuredForChannel) {
            return Map.of();
        }
        return Map.of("reconnect.backoff.max.ms", Long.toString(maxWait.toMillis()));
    }
}
