package dev.slipway.rollout.kubernetes;

import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.rollout.decision.FailedRelease;
import dev.slipway.rollout.decision.KubernetesDiagnoses;
import dev.slipway.rollout.decision.Revisions;
import dev.slipway.rollout.decision.RolloutJudge.State;
import dev.slipway.rollout.decision.WorkloadPatches;
import dev.slipway.rollout.decision.WorkloadRef;
import dev.slipway.rollout.decision.WorkloadRows;
import dev.slipway.rollout.target.RolloutRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.kubernetes.observed.ObservedPod;
import dev.slipway.kubernetes.observed.ObservedReplicaSet;
import dev.slipway.kubernetes.observed.ObservedWorkload;
import dev.slipway.kubernetes.observed.ObservedWorkload.TemplateContainer;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a failed workload back at its previous revision and waits for it. Deployment: the owned
 * ReplicaSet with the highest revision below the current one; its template, without
 * {@code pod-template-hash}, replaces the Deployment's (JSON Patch). StatefulSet: the template read
 * before the release's patch; the pods stuck at the broken revision are deleted, as the StatefulSet
 * controller does not replace them by itself. The patch also records the failure on the workload
 * ({@link FailedRelease}), so a redelivered event of the release reports it again without a second attempt.
 */
final class WorkloadRollback {
    private final ClusterWorkloads cluster;
    private final RolloutWait wait;
    private final Clock clock;

    WorkloadRollback(ClusterWorkloads cluster, RolloutWait wait, Clock clock) {
        this.cluster = cluster;
        this.wait = wait;
        this.clock = clock;
    }

    List<NodeRollout> rollBack(RolloutRequest request, WorkloadRef ref, WorkloadWatch watch, RolloutWait.Waited waited,
            ObjectNode before, Duration timeout, String diagnosis, String node, String failedImage)
            throws InterruptedException {
        try {
            return putBack(request, ref, watch, waited, before, timeout, diagnosis, node, failedImage);
        } catch (KubernetesClientException e) {
            Log.warnf(e, "release %s service %s: rolling %s back failed", request.release().releaseId(),
                    request.service().name(), ref);
            return WorkloadRows.of(RolloutOutcome.FAILED, ref, waited.snapshot().pods(), request.distribution(), node,
                    KubernetesDiagnoses.rollbackFailed(diagnosis, WorkloadRollout.apiError(e)));
        }
    }

    private List<NodeRollout> putBack(RolloutRequest request, WorkloadRef ref, WorkloadWatch watch, RolloutWait.Waited waited,
            ObjectNode before, Duration timeout, String diagnosis, String node, String failedImage)
            throws InterruptedException {
        ObservedWorkload workload = cluster.read(ref).orElse(null);
        if (workload == null) {
            return WorkloadRows.of(RolloutOutcome.FAILED, ref, waited.snapshot().pods(), request.distribution(), node,
                    KubernetesDiagnoses.rollbackFailed(diagnosis, ref + " no longer exists"));
        }
        ObjectNode previous;
        String revision;
        String previousRelease = null;
        if (workload.isDeployment()) {
            List<ObservedReplicaSet> replicaSets = cluster.replicaSets(ref, workload.spec().selector());
            Optional<ObservedReplicaSet> found = Revisions.previous(workload, replicaSets);
            if (found.isEmpty()) {
                return WorkloadRows.of(RolloutOutcome.FAILED, ref, waited.snapshot().pods(), request.distribution(), node,
                        KubernetesDiagnoses.noPreviousRevision(diagnosis, ref));
            }
            previous = Revisions.withoutHash(found.get().template());
            revision = "revision " + Revisions.revision(found.get());
            Map<String, String> annotations = found.get().metadata().getAnnotations();
            previousRelease = annotations == null ? null : annotations.get(WorkloadPatches.RELEASE_ANNOTATION);
        } else if (before != null) {
            previous = before;
            revision = "its template before release " + request.release().releaseId();
        } else {
            return WorkloadRows.of(RolloutOutcome.FAILED, ref, waited.snapshot().pods(), request.distribution(), node,
                    KubernetesDiagnoses.noPreviousRevision(diagnosis, ref));
        }
        String images = KubernetesDiagnoses.images(ObservedWorkload.containersOf(previous).stream()
                .map(TemplateContainer::image).toList());
        Map<String, String> annotations = new LinkedHashMap<>();
        if (previousRelease != null) {
            annotations.put(WorkloadPatches.RELEASE_ANNOTATION, previousRelease);
        }
        annotations.put(WorkloadPatches.CHANGE_CAUSE_ANNOTATION,
                "slipway rollback of release " + request.release().releaseId() + ": back to " + revision + " (" + images + ")");
        String rolledBack = KubernetesDiagnoses.rolledBack(diagnosis, ref, revision, images);
        // in the same patch: a redelivered event of this release finds it and does not patch the broken image in again
        FailedRelease failed = new FailedRelease(request.release().releaseId(), failedImage, node, rolledBack);
        annotations.put(FailedRelease.annotationKey(request.service().kubernetes().container().value()),
                failed.annotationValue());
        ObservedWorkload patched = cluster.patch(ref, WorkloadPatches.replaceTemplate(workload, previous, annotations));
        Log.infof("release %s service %s: rolling %s back to %s (%s)", request.release().releaseId(), request.service().name(),
                ref, revision, images);
        if (workload.isStatefulSet()) {
            // the StatefulSet controller does not replace a pod stuck at a broken revision by itself
            for (ObservedPod pod : waited.verdict().newPods()) {
                cluster.deletePod(ref.namespace(), pod.name());
            }
        }
        RolloutWait.Waited back = wait.until(watch, patched.generation(), clock.instant().plus(timeout));
        if (back.verdict().state() == State.DONE) {
            return WorkloadRows.of(RolloutOutcome.ROLLED_BACK, ref, back.verdict().newPods(), request.distribution(), node,
                    failed.diagnosis());
        }
        String why = back.verdict().failure()
                .map(f -> f.reason() + (f.pod() == null ? "" : " on pod " + f.pod()) + ": " + f.message())
                .orElse(back.timedOut() ? "the previous revision did not roll out within " + timeout.toSeconds() + " s ("
                        + back.verdict().status() + ")" : back.verdict().status());
        return WorkloadRows.of(RolloutOutcome.FAILED, ref, back.snapshot().pods(), request.distribution(), node,
                KubernetesDiagnoses.rollbackFailed(diagnosis, why));
    }
}
