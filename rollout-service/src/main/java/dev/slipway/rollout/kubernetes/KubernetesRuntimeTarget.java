package dev.slipway.rollout.kubernetes;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.rollout.config.RolloutConfig;
import dev.slipway.rollout.decision.AppliedRelease;
import dev.slipway.rollout.decision.KubernetesDiagnoses;
import dev.slipway.rollout.decision.LeaseTerms;
import dev.slipway.rollout.decision.WorkloadImage;
import dev.slipway.rollout.decision.WorkloadPatches;
import dev.slipway.rollout.decision.WorkloadRef;
import dev.slipway.rollout.target.RolloutRequest;
import dev.slipway.rollout.target.RuntimeTarget;
import dev.slipway.rollout.target.WorkloadClaim;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code kubernetes} runtime target: a service is one container of a Deployment or StatefulSet
 * (the plan's {@code kubernetes:} section). See {@link WorkloadRollout}. The cluster is connected
 * on first use; a configuration that does not work fails the rollout with the sources tried. Across replicas of
 * the rollout service, one release at a time per workload: each takes the workload's Lease first
 * ({@link WorkloadLeases}), as this replica ({@code slipway.instance-id}, else {@code HOSTNAME}, else a name made up
 * at start).
 */
@ApplicationScoped
public class KubernetesRuntimeTarget implements RuntimeTarget {
    public static final String NAME = "kubernetes";

    private final Supplier<ClusterWorkloads> cluster;
    private final Clock clock;
    private final int logLines;
    private final String instance;
    private final Duration leaseMargin;
    private final Duration leasePoll;

    @Inject
    public KubernetesRuntimeTarget(KubernetesCluster cluster, RolloutConfig config, Clock clock,
            @ConfigProperty(name = "slipway.instance-id") Optional<String> instanceId) {
        this(cluster::workloads, clock, config.logLines(), instanceOf(instanceId), WorkloadLeases.MARGIN, WorkloadLeases.POLL);
    }

    /** As a replica named by {@code HOSTNAME} (or a made-up name). */
    public KubernetesRuntimeTarget(Supplier<ClusterWorkloads> cluster, Clock clock, int logLines) {
        this(cluster, clock, logLines, instanceOf(Optional.empty()), WorkloadLeases.MARGIN, WorkloadLeases.POLL);
    }

    /**
     * As replica {@code instance} (the Leases' holder is {@code <instance>/<release id>}), its Leases lasting
     * {@code leaseMargin} beyond the rollout's waits, polled every {@code leasePoll} while another replica holds one.
     */
    public KubernetesRuntimeTarget(Supplier<ClusterWorkloads> cluster, Clock clock, int logLines, String instance,
            Duration leaseMargin, Duration leasePoll) {
        this.cluster = cluster;
        this.clock = clock;
        this.logLines = logLines;
        this.instance = instance;
        this.leaseMargin = leaseMargin;
        this.leasePoll = leasePoll;
    }

    /** {@code slipway.instance-id}, else {@code HOSTNAME}, else {@code rollout-<random>} (a restart is then another replica). */
    static String instanceOf(Optional<String> configured) {
        return configured.map(String::trim).filter(id -> !id.isEmpty())
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).map(String::trim).filter(id -> !id.isEmpty()))
                .orElseGet(() -> "rollout-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** This replica's name in the Leases it holds. */
    public String instance() {
        return instance;
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

    /**
     * The workload's Lease, for the release ({@link WorkloadLeases}); refused with the diagnosis when another replica
     * keeps it past the wait, or when the Lease cannot be read or written (a Role without the verbs on leases).
     */
    @Override
    public WorkloadClaim claim(RolloutRequest request) throws InterruptedException {
        WorkloadRef ref = WorkloadRef.of(request.service().kubernetes());
        try {
            return new WorkloadLeases(cluster.get(), clock, instance, leaseMargin, leasePoll).take(request);
        } catch (KubernetesClientException e) {
            if (e.getCause() instanceof InterruptedException) {
                throw new InterruptedException("interrupted while taking the Lease of " + ref);
            }
            return WorkloadClaim.refused(KubernetesDiagnoses.apiFailed(request.service().name(), ref, "taking its Lease "
                    + LeaseTerms.nameOf(ref) + " (one release at a time per workload across rollout replicas)",
                    WorkloadRollout.apiError(e)));
        }
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
                Map<String, String> annotations = workload.metadata().getAnnotations();
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
