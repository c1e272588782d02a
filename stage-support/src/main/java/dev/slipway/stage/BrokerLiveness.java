package dev.slipway.stage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN once a broker write has failed without a break for {@code slipway.stage.unhealthy-after}
 * (default 2 minutes): long enough to ride out a broker restart, short enough that an orchestrator
 * restarts a service whose producer is stuck. The record in hand is not acknowledged, so a restart
 * loses nothing.
 */
@Liveness
@ApplicationScoped
public class BrokerLiveness implements HealthCheck {
    @Inject
    BrokerHealth health;

    @ConfigProperty(name = "slipway.stage.unhealthy-after", defaultValue = "PT2M")
    Duration unhealthyAfter;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("slipway-broker-writes");
        return health.failingLongerThan(unhealthyAfter)
                .map(entry -> response.down().withData(entry.getKey(), "failing since " + entry.getValue().since()
                        + " (" + entry.getValue().attempts() + " attempts): " + entry.getValue().lastError()))
                .orElseGet(response::up)
                .build();
    }
}
