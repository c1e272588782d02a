package dev.slipway.rollout.kubernetes;

import dev.slipway.rollout.decision.KubernetesDiagnoses;
import dev.slipway.rollout.decision.LeaseState;
import dev.slipway.rollout.decision.LeaseTerms;
import dev.slipway.rollout.decision.WorkloadRef;
import dev.slipway.rollout.target.RolloutRequest;
import dev.slipway.rollout.target.WorkloadClaim;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One release at a time per workload across rollout replicas: before a release acts on its Deployment or
 * StatefulSet, the replica takes the workload's Lease ({@link LeaseTerms}) and gives it back when done.
 * <ol>
 *   <li>create it; when it exists (409), read it;</li>
 *   <li>free (nobody, or its holder let it expire) or already ours (a resumed rollout) → write ours over it with its
 *       resourceVersion (a 409 means another replica took it first: read again);</li>
 *   <li>held → poll every {@code poll} until it is free, at most the terms' wait bound: then refused, naming the
 *       holder and the Lease; interrupted (the service is stopping) → {@link InterruptedException}.</li>
 * </ol>
 * Given back by deleting it with its resourceVersion as precondition, so a Lease someone else took since (after it
 * expired) is left alone. No renewal: the Lease lasts the whole rollout ({@link LeaseTerms#durationOf}).
 */
public final class WorkloadLeases {
    /** How much longer than the rollout's own waits the Lease lasts (reading, patching, diagnosing). */
    public static final Duration MARGIN = Duration.ofSeconds(60);
    public static final Duration POLL = Duration.ofSeconds(1);

    private final ClusterWorkloads cluster;
    private final Clock clock;
    private final String instance;
    private final Duration margin;
    private final Duration poll;

    public WorkloadLeases(ClusterWorkloads cluster, Clock clock, String instance, Duration margin, Duration poll) {
        this.cluster = cluster;
        this.clock = clock;
        this.instance = instance;
        this.margin = margin;
        this.poll = poll;
    }

    /** Takes the workload's Lease for the request's release, waiting while another holds it; see the class. */
    public WorkloadClaim take(RolloutRequest request) throws InterruptedException {
        WorkloadRef ref = WorkloadRef.of(request.service().kubernetes());
        LeaseTerms terms = LeaseTerms.of(ref, instance, request.release().releaseId(), request.policy(), margin);
        Instant started = clock.instant();
        Instant deadline = started.plus(terms.waitBound());
        LeaseState held = null;
        while (true) {
            Attempt attempt = tryTake(ref, terms);
            if (attempt.taken() != null) {
                if (held != null) {
                    Log.infof("release %s service %s: took Lease %s/%s after waiting %d ms for %s", request.release().releaseId(),
                            request.service().name(), terms.namespace(), terms.name(),
                            Duration.between(started, clock.instant()).toMillis(), held.holder());
                }
                Lease taken = attempt.taken();
                return WorkloadClaim.held(() -> giveBack(request, taken));
            }
            if (attempt.held() != null) {
                if (held == null || !attempt.held().holder().equals(held.holder())) {
                    Log.infof("release %s service %s: %s is held by %s (Lease %s/%s, until %s); waiting for it",
                            request.release().releaseId(), request.service().name(), ref, attempt.held().holder(),
                            terms.namespace(), terms.name(), attempt.held().expiresAt().map(Object::toString).orElse("?"));
                }
                held = attempt.held();
            }
            if (!clock.instant().isBefore(deadline) && held != null) {
                String diagnosis = KubernetesDiagnoses.leaseHeld(request.service().name(), ref, terms, held,
                        Duration.between(started, clock.instant()));
                Log.warnf("release %s service %s: %s", request.release().releaseId(), request.service().name(), diagnosis);
                return WorkloadClaim.refused(diagnosis);
            }
            if (attempt.held() != null) {
                Thread.sleep(poll.toMillis()); // interrupted: the service is stopping
            }
        }
    }

    /** Taken, or held by someone else, or neither (it changed under us: try again at once). */
    private record Attempt(Lease taken, LeaseState held) {}

    private Attempt tryTake(WorkloadRef ref, LeaseTerms terms) {
        Instant now = clock.instant();
        try {
            return new Attempt(cluster.createLease(terms.toTake(now, null)), null);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
        Optional<Lease> current = cluster.readLease(ref.namespace(), terms.name());
        if (current.isEmpty()) {
            return new Attempt(null, null); // given back between our create and our read
        }
        LeaseState state = LeaseState.of(current.get());
        if (state.judge(terms.holder(), now) == LeaseState.Verdict.HELD) {
            return new Attempt(null, state);
        }
        try {
            Lease taken = cluster.updateLease(terms.toTake(now, current.get()));
            if (!terms.holder().equals(state.holder()) && state.holder() != null) {
                Log.infof("Lease %s/%s: took it over from %s (expired at %s)", terms.namespace(), terms.name(), state.holder(),
                        state.expiresAt().map(Object::toString).orElse("?"));
            }
            return new Attempt(taken, null);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            return new Attempt(null, null); // another replica took it first: read again
        }
    }

    /**
     * Deletes the Lease if it is still as we wrote it; never throws (it expires anyway). Done also while the service
     * stops (the interrupt is put back afterwards), so the next replica does not wait for the expiry.
     */
    private void giveBack(RolloutRequest request, Lease taken) {
        boolean interrupted = Thread.interrupted();
        try {
            cluster.deleteLease(taken);
        } catch (KubernetesClientException e) {
            Log.warnf("release %s service %s: Lease %s/%s not given back (%s); it expires at %s or can be deleted: "
                    + "kubectl -n %s delete lease %s", request.release().releaseId(), request.service().name(),
                    taken.getMetadata().getNamespace(), taken.getMetadata().getName(), WorkloadRollout.apiError(e),
                    LeaseState.of(taken).expiresAt().map(Object::toString).orElse("?"), taken.getMetadata().getNamespace(),
                    taken.getMetadata().getName());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
