package dev.slipway.rollout.target;

import dev.slipway.events.plan.ServicePlan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Picks the runtime target a service's plan maps it to, among the targets this service has. */
@ApplicationScoped
public class RuntimeTargets {
    private final List<RuntimeTarget> targets;

    @Inject
    public RuntimeTargets(Instance<RuntimeTarget> targets) {
        this(targets.stream().toList());
    }

    public RuntimeTargets(List<RuntimeTarget> targets) {
        this.targets = List.copyOf(targets);
    }

    public Optional<RuntimeTarget> forService(ServicePlan service) {
        return targets.stream().filter(t -> t.handles(service)).findFirst();
    }

    /** The targets' names, for messages: e.g. {@code docker}. */
    public String names() {
        return targets.stream().map(RuntimeTarget::name).sorted().collect(Collectors.joining(", "));
    }
}
