package dev.slipway.rollout.metrics;

import dev.slipway.events.RolloutDone;
import dev.slipway.stage.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Counts each service rollout that failed or was rolled back, by {@link RolloutFailureReason}; every reason starts at zero. */
@ApplicationScoped
public class RolloutMetrics {
    private final MeterRegistry registry;

    @Inject
    public RolloutMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Starts every reason's counter at zero, so that a first failure shows as an increase. */
    public void expectFailures() {
        for (RolloutFailureReason reason : RolloutFailureReason.values()) {
            counter(reason);
        }
    }

    /** Counts the rollout's failure reason, if it failed, and returns it. */
    public RolloutDone recorded(RolloutDone done) {
        RolloutFailureReason.of(done).ifPresent(reason -> counter(reason).increment());
        return done;
    }

    private Counter counter(RolloutFailureReason reason) {
        return Counter.builder(MetricNames.ROLLOUT_FAILURES).description("Service rollouts that failed or were rolled back, by reason")
                .tag("reason", reason.label()).register(registry);
    }
}
