package dev.slipway.stage;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which broker writes are failing right now, and since when: one entry per kind of write (a channel
 * such as {@code image-built}, or the verifier's state topic), removed by the next success. The
 * readiness and liveness checks read it.
 */
@ApplicationScoped
public class BrokerHealth {
    /** A write that keeps failing: since when, how many attempts, the last error. */
    public record Failing(Instant since, int attempts, String lastError) {}

    private final Map<String, Failing> failing = new ConcurrentHashMap<>();
    private final Clock clock;

    public BrokerHealth() {
        this(Clock.systemUTC());
    }

    BrokerHealth(Clock clock) {
        this.clock = clock;
    }

    public void failed(String write, Throwable cause) {
        String error = describe(cause);
        failing.compute(write, (key, before) -> before == null
                ? new Failing(clock.instant(), 1, error)
                : new Failing(before.since(), before.attempts() + 1, error));
    }

    public void succeeded(String write) {
        failing.remove(write);
    }

    public Map<String, Failing> failing() {
        return Map.copyOf(failing);
    }

    /** The longest-failing write, if it has failed for at least {@code grace}. */
    public Optional<Map.Entry<String, Failing>> failingLongerThan(Duration grace) {
        Instant limit = clock.instant().minus(grace);
        return failing.entrySet().stream()
                .filter(entry -> !entry.getValue().since().isAfter(limit))
                .min(Map.Entry.comparingByValue((a, b) -> a.since().compareTo(b.since())));
    }

    static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root.getClass().getSimpleName() + message;
    }
}
