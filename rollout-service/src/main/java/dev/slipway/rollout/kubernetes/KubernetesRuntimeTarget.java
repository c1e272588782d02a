package dev.slipway.rollout.kubernetes;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.rollout.config.RolloutConfig;
import dev.slipway.rollout.decision.AppliedRelease;
import dev.slipway.rollout.decision.WorkloadImage;
import dev.slipway.rollout.decision.WorkloadPatches;
import dev.slipway.rollout.decision.WorkloadRef;
import dev.slipway.rollout.target.RolloutRequest;
import dev.slipway.rollout.target.RuntimeTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code kubernetes} runtime target: a service is one container of a Deployment or StatefulSet
 * (the plan's {@code kubernetes:} section). See {@link WorkloadRollout}. The cluster is connected
 * on first use; a configuration that does not work fails the rollout with the sources tried.
 */
@ApplicationScoped
public class KubernetesRuntimeTarget implements RuntimeTarget {
    public static final String NAME = "kubernetes";

    private final Supplier<ClusterWorkloads> cluster;
    private final Clock clock;
    private final int logLines;

    @Inject
    public KubernetesRuntimeTarget(KubernetesCluster cluster, RolloutConfig config, Clock clock) {
        this(cluster::workloads, clock, config.logLines());
    }

    public KubernetesRuntimeTarget(Supplier<ClusterWorkloads> cluster, Clock clock, int logLines) {
        this.cluster = cluster;
        this.clock = clock;
        this.logLines = logLines;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(ServicePlan service) {
        return service.kubernetes() != null;
    }

    @Override
    public List<NodeRollout> rollOut(RolloutRequest request) {
        return new WorkloadRollout(cluster.get(), clock, logLines).rollOut(request);
    }

    /** The Deployment or StatefulSet, e.g. {@code Deployment store/api}. */
    @Override
    public String workloadOf(ServicePlan service) {
        return WorkloadRef.of(service.kubernetes()).toString();
    }

    /** The newest release recorded on the workload's annotations; empty when it cannot be read (the rollout then says why). */
    @Override
    public Optional<AppliedRelease> newestApplied(RolloutRequest request) {
        WorkloadRef ref = WorkloadRef.of(request.service().kubernetes());
        try {
            return cluster.get().read(ref).flatMap(workload -> {
                Map<String, String> annotations = workload.getMetadata().getAnnotations();
                return annotations == null ? Optional.empty() : AppliedRelease.of(
                        annotations.get(WorkloadPatches.NEWEST_RELEASE_ANNOTATION),
                        annotations.get(WorkloadPatches.NEWEST_REQUESTED_AT_ANNOTATION), ref.toString());
            });
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The registry's reference when the distributor pushed the image to a registry (the workload is set to it). */
    @Override
    public BuiltImage deployedImage(RolloutRequest request) {
        return WorkloadImage.of(request.image(), request.service().kubernetes(), request.pullableFromRegistry()).image();
    }
}
