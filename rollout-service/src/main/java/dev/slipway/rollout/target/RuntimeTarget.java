package dev.slipway.rollout.target;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.rollout.decision.AppliedRelease;
import java.util.List;
import java.util.Optional;

/**
 * Where a service runs and how it moves to a new image: containers on Docker hosts ({@code docker})
 * today, Kubernetes workloads next. A target waits until the service is up or has failed, rolls
 * back when the release's policy asks for it, and reports one {@link NodeRollout} per node it
 * touched (or meant to touch). It does not throw for a failed rollout: failures are outcomes.
 */
public interface RuntimeTarget {
    /** The target's name as the plan and the logs call it, e.g. {@code docker}. */
    String name();

    /** True when the service's plan maps it to this target (e.g. it has a {@code docker:} section). */
    boolean handles(ServicePlan service);

    List<NodeRollout> rollOut(RolloutRequest request);

    /** What the service's rollout changes, so that two releases never change it at once: its name by default. */
    default String workloadOf(ServicePlan service) {
        return service.name().value();
    }

    /**
     * Takes the service's workload for {@code request}'s release across the replicas of the rollout service,
     * waiting while another replica acts on it; called once the in-process queue gave the release its turn, before
     * anything is read or written. {@link WorkloadClaim#NONE} by default: the target's replicas do not coordinate.
     *
     * @throws InterruptedException the service is stopping while waiting (the record is left unacknowledged)
     */
    default WorkloadClaim claim(RolloutRequest request) throws InterruptedException {
        return WorkloadClaim.NONE;
    }

    /**
     * The newest release already applied to the service, where the target records it; empty when it
     * records none (nothing rolled out yet, or only before releases carried their request time).
     */
    default Optional<AppliedRelease> newestApplied(RolloutRequest request) {
        return Optional.empty();
    }

    /**
     * The image the service runs once rolled out, as RolloutDone reports it to the verifier: the built image,
     * unless the target deploys it under another reference (a registry's).
     */
    default BuiltImage deployedImage(RolloutRequest request) {
        return request.image();
    }
}
