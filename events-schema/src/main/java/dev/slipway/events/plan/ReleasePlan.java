package dev.slipway.events.plan;

import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import java.util.List;
import java.util.Optional;

/** What the user asked for in slipway.yaml: the services to build and run, how to distribute and roll out, what to check. */
public record ReleasePlan(ReleaseName release, List<ServicePlan> services, RolloutPolicy rollout, List<CheckSpec> checks,
        DistributionPolicy distribution) {
    public ReleasePlan {
        services = List.copyOf(services);
        checks = checks == null ? List.of() : List.copyOf(checks);
        rollout = rollout == null ? RolloutPolicy.DEFAULT : rollout;
        distribution = distribution == null ? DistributionPolicy.DEFAULT : distribution;
    }

    /** With the default distribution policy (a failed node fails the service). */
    public ReleasePlan(ReleaseName release, List<ServicePlan> services, RolloutPolicy rollout, List<CheckSpec> checks) {
        this(release, services, rollout, checks, DistributionPolicy.DEFAULT);
    }

    public List<ServiceName> serviceNames() {
        return services.stream().map(ServicePlan::name).toList();
    }

    public Optional<ServicePlan> service(ServiceName name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
