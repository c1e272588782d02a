package dev.slipway.stage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** DOWN while any broker write of this service is failing, naming it, how long and the last error. */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {
    @Inject
    BrokerHealth health;

    @Override
    public HealthCheckResponse call() {
        Map<String, BrokerHealth.Failing> failing = health.failing();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("slipway-broker-writes").status(failing.isEmpty());
        failing.forEach((write, state) -> response.withData(write, "failing since " + state.since() + " ("
                + state.attempts() + " attempts): " + state.lastError()));
        return response.build();
    }
}
