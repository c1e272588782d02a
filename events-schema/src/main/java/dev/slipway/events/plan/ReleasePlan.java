package dev.slipway.events.plan;

import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import java.util.List;
import java.util.Optional;

/** What the user asked for in slipway.yaml: the services to build and run, how to roll out, what to check. */
public record ReleasePlan(ReleaseName release, List<ServicePlan> services, RolloutPolicy rollout, List<CheckSpec> checks) {
    public ReleasePlan {
        services = List.copyOf(services);
        checks = checks == null ? List.of() : List.copyOf(checks);
        rollout = rollout == null ? RolloutPolicy.DEFAULT : rollout;
    }

    public List<ServiceName> serviceNames() {
        return services.stream().map(ServicePlan::name).toList();
    }

    public Optional<ServicePlan> service(ServiceName name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
