package dev.slipway.rollout.decision;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.Labels;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.plan.DockerRuntime;
import dev.slipway.events.plan.ServicePlan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The container a service becomes on a Docker host, from the plan's {@code docker} runtime: the
 * plan's labels plus Slipway's own (release id, service, version, when the release was requested), which win over the plan's.
 */
public final class ContainerSpecs {
    private ContainerSpecs() {}

    public static ContainerSpec of(ReleaseContext release, ServicePlan service, DockerRuntime runtime, BuiltImage image) {
        Map<String, String> labels = new LinkedHashMap<>(runtime.labels());
        labels.put(Labels.RELEASE_ID, release.releaseId().value());
        labels.put(Labels.SERVICE, service.name().value());
        labels.put(Labels.VERSION, release.version().value());
        if (release.requestedAt() != null) {
            labels.put(Labels.REQUESTED_AT, release.requestedAt().toString());
        }
        return new ContainerSpec(runtime.container(), image.id(), runtime.ports(), runtime.env(), labels);
    }
}
