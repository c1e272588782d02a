package dev.slipway.verifier.decision;

import dev.slipway.events.RolloutDone;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.KubernetesRuntime;
import java.util.Optional;

/**
 * The Kubernetes workload a service of the release maps to ({@code kubernetes} of its ServicePlan, as its
 * RolloutDone carries it) and the image the release rolled out for it (none if the rollout had none).
 */
public record ServiceWorkload(KubernetesRuntime runtime, BuiltImage image) {
    /** The service's workload, or why the check cannot look at one: the row's observation. */
    public record Lookup(Optional<ServiceWorkload> workload, String problem) {}

    public static Lookup find(RolledOutRelease release, ServiceName service) {
        Optional<RolloutDone> done = release.rollout(service);
        if (done.isEmpty()) {
            return new Lookup(Optional.empty(), "service " + service + " is not part of release " + release.context().releaseId()
                    + " (its services are " + release.context().services() + "); fix the check in slipway.yaml");
        }
        KubernetesRuntime runtime = done.get().service().kubernetes();
        if (runtime == null) {
            return new Lookup(Optional.empty(), "service " + service + " has no kubernetes runtime (kubernetes.namespace, "
                    + "kind, name, container) in the plan; add one or remove this check from slipway.yaml");
        }
        BuiltImage image = done.get().image();
        return new Lookup(Optional.of(new ServiceWorkload(runtime, image)), null);
    }
}
