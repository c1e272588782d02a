package dev.slipway.stage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which broker writes are failing right now, and since when: one entry per kind of write (a channel
 * such as {@code image-built}, or the verifier's state topic), removed by the next success. The
 * readiness and liveness checks read it. A refusal by the broker (ACLs, credentials, TLS) is said as
 * {@link KafkaRefusals} says it, naming the user, the topic and the settings to check.
 */
@ApplicationScoped
public class BrokerHealth {
    /** A write that keeps failing: since when, how many attempts, the last error. */
    public record Failing(Instant since, int attempts, String lastError) {}

    private final Map<String, Failing> failing = new ConcurrentHashMap<>();
    private final Clock clock;
    private Function<Throwable, Optional<String>> refusals = failure -> Optional.empty();

    public BrokerHealth() {
        this(Clock.systemUTC());
    }

    BrokerHealth(Clock clock) {
        this.clock = clock;
    }

    @Inject
    void explainRefusalsWith(KafkaRefusals kafkaRefusals) {
        explainRefusalsWith(kafkaRefusals::explain);
    }

    void explainRefusalsWith(Function<Throwable, Optional<String>> explainer) {
        this.refusals = explainer;
    }

    public void failed(String write, Throwable cause) {
        String error = describeFailure(cause);
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

    /** A refusal explained, else the root cause's class and message. */
    public String describeFailure(Throwable cause) {
        return refusals.apply(cause).orElseGet(() -> describe(cause));
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
