package dev.slipway.rollout;

import dev.slipway.events.BuiltImage;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.StageOutcome;
import dev.slipway.rollout.decision.Diagnoses;
import dev.slipway.rollout.decision.ServiceOutcome;
import dev.slipway.rollout.decision.SkippedRollout;
import dev.slipway.rollout.decision.Supersession;
import dev.slipway.rollout.target.RolloutRequest;
import dev.slipway.rollout.target.RuntimeTarget;
import dev.slipway.rollout.target.RuntimeTargets;
import dev.slipway.rollout.target.WorkloadClaim;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rollout stage: one ImageDistributed in, one RolloutDone out. A failed distribution is passed
 * on as SKIPPED, and so is a release older than the one the service already runs ({@link Supersession});
 * otherwise the service's runtime target moves it to the new image, one release at a time per workload
 * ({@link WorkloadQueue} within this process; across replicas, the workload the target claims,
 * {@link RuntimeTarget#claim}: a Kubernetes Lease), the newest applied release read only once it has the turn. Never throws
 * for a failed rollout: every failure becomes the RolloutDone's outcome and diagnosis. The RolloutDone's
 * image is the one the target deployed ({@link RuntimeTarget#deployedImage}): the registry's reference when a
 * Kubernetes workload pulls the image from the registry the distributor pushed it to, so the verifier checks
 * the workload against what it really runs.
 */
@ApplicationScoped
public class RolloutStage {
    private final RuntimeTargets targets;
    private final Clock clock;
    private final WorkloadQueue queue = new WorkloadQueue();

    @Inject
    public RolloutStage(RuntimeTargets targets, Clock clock) {
        this.targets = targets;
        this.clock = clock;
    }

    public RolloutDone roll(ImageDistributed distributed) {
        if (distributed.outcome() == StageOutcome.FAILED || distributed.image() == null) {
            RolloutDone skipped = SkippedRollout.of(distributed);
            Log.infof("release %s service %s: %s", distributed.release().releaseId(), distributed.service().name(),
                    skipped.diagnosis());
            return skipped;
        }
        Optional<RuntimeTarget> target = targets.forService(distributed.service());
        if (target.isEmpty()) {
            return rollOn(distributed, target);
        }
        String workload = target.get().name() + " " + target.get().workloadOf(distributed.service());
        try {
            return queue.run(workload, distributed.release(), () -> rollOn(distributed, target), newer -> skipped(distributed,
                    Supersession.byWaiting(distributed.release(), distributed.service().name(), newer)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the service is stopping: nothing is published for this record
            return stopped(distributed, new IllegalStateException("interrupted while waiting for " + workload));
        }
    }

    private RolloutDone rollOn(ImageDistributed distributed, Optional<RuntimeTarget> target) {
        Instant started = clock.instant();
        List<NodeRollout> nodes;
        String diagnosis;
        BuiltImage image = distributed.image();
        if (target.isEmpty()) {
            nodes = List.of();
            diagnosis = Diagnoses.noRuntime(distributed.service().name(), targets.names());
        } else {
            RolloutRequest request = RolloutRequest.of(distributed);
            try (WorkloadClaim claim = target.get().claim(request)) {
                if (claim.refusal().isPresent()) {
                    nodes = List.of();
                    diagnosis = claim.refusal().get();
                } else {
                    // read after the claim: a newer release another replica rolled out meanwhile supersedes this one
                    Optional<String> superseded = target.get().newestApplied(request)
                            .flatMap(applied -> Supersession.of(distributed.release(), distributed.service().name(), applied));
                    if (superseded.isPresent()) {
                        return skipped(distributed, superseded.get());
                    }
                    image = target.get().deployedImage(request);
                    nodes = target.get().rollOut(request);
                    diagnosis = nodes.isEmpty() ? Diagnoses.noNodes(distributed.service().name()) : Diagnoses.summary(nodes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the service is stopping: nothing is published for this record
                return stopped(distributed, new IllegalStateException("interrupted while waiting for the workload of "
                        + distributed.service().name() + " (held by another rollout replica)"));
            } catch (RuntimeException e) {
                Log.errorf(e, "release %s service %s: the %s target failed", distributed.release().releaseId(),
                        distributed.service().name(), target.get().name());
                nodes = List.of();
                diagnosis = Diagnoses.targetFailed(distributed.service().name(), target.get().name(), e.getMessage());
            }
        }
        RolloutOutcome outcome = ServiceOutcome.of(nodes);
        long millis = Math.max(0, Duration.between(started, clock.instant()).toMillis());
        Log.infof("release %s service %s: %s in %d ms%s", distributed.release().releaseId(), distributed.service().name(),
                outcome, millis, diagnosis == null ? "" : ": " + diagnosis);
        return new RolloutDone(distributed.release(), distributed.service(), outcome, image, nodes,
                outcome == RolloutOutcome.ROLLED_OUT ? null : diagnosis, millis);
    }

    private static RolloutDone skipped(ImageDistributed distributed, String why) {
        Log.infof("release %s service %s: %s", distributed.release().releaseId(), distributed.service().name(), why);
        return new RolloutDone(distributed.release(), distributed.service(), RolloutOutcome.SKIPPED, distributed.image(),
                List.of(), why, 0);
    }

    /** The RolloutDone for a rollout that ended in an error nothing above expected: FAILED, naming it. */
    public RolloutDone stopped(ImageDistributed distributed, RuntimeException cause) {
        return new RolloutDone(distributed.release(), distributed.service(), RolloutOutcome.FAILED, distributed.image(),
                List.of(), "service " + distributed.service().name() + ": the rollout stopped on an unexpected error: "
                        + cause + "; see the rollout service's log", 0);
    }
}
