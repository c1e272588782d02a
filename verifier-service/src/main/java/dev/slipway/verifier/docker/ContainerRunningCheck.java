package dev.slipway.verifier.docker;

import dev.slipway.events.CheckResult;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.verifier.check.Check;
import dev.slipway.verifier.decision.ContainerExpectation;
import dev.slipway.verifier.decision.ContainerObservation;
import dev.slipway.verifier.decision.RolledOutRelease;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The container check: the service's container ({@code docker.container} of its plan) runs on
 * every Docker node at the image id this release rolled out. Without a Docker node (e.g. only ssh-containerd
 * k3s nodes are configured) the check fails saying so and what to set.
 */
@Singleton
public class ContainerRunningCheck implements Check {
    private final ContainerInspector inspector;

    @Inject
    public ContainerRunningCheck(ContainerInspector inspector) {
        this.inspector = inspector;
    }

    @Override
    public String kind() {
        return ContainerExpectation.KIND;
    }

    @Override
    public CheckResult run(CheckSpec spec, RolledOutRelease release) {
        ServiceName service = spec.container().service();
        Optional<RolloutDone> done = release.rollout(service);
        if (done.isEmpty()) {
            return ContainerExpectation.unrunnable(spec.name(), "service " + service + "'s container running",
                    "service " + service + " is not part of release " + release.context().releaseId()
                            + " (its services are " + release.context().services() + "); fix the check in slipway.yaml");
        }
        if (done.get().service().docker() == null) {
            return ContainerExpectation.unrunnable(spec.name(), "service " + service + "'s container running",
                    "service " + service + " has no docker runtime (docker.container) in the plan; "
                            + "add one or remove this check from slipway.yaml");
        }
        ContainerName container = done.get().service().docker().container();
        ImageId expected = ContainerExpectation.expectedImage(done.get());
        List<ContainerObservation> seen = ContainerExpectation.judged(done.get(), inspector.inspectOnEveryNode(container));
        if (seen.isEmpty()) {
            return ContainerExpectation.unrunnable(spec.name(), ContainerExpectation.expected(container, expected, 0),
                    inspector.whyNoNode());
        }
        return ContainerExpectation.result(spec.name(), container, expected, seen);
    }
}
