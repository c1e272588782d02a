package dev.slipway.verifier.decision;

import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.names.ServiceName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A release whose every service has its RolloutDone: what the checks look at. */
public record RolledOutRelease(ReleaseContext context, Map<ServiceName, RolloutDone> rollouts) {
    public RolledOutRelease {
        rollouts = new LinkedHashMap<>(rollouts);
    }

    public Optional<RolloutDone> rollout(ServiceName service) {
        return Optional.ofNullable(rollouts.get(service));
    }

    @Override
    public Map<ServiceName, RolloutDone> rollouts() {
        return Collections.unmodifiableMap(rollouts);
    }
}
