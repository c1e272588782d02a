package dev.slipway.rollout.kubernetes;

import dev.slipway.events.NodeResult;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.kubernetes.ApiRefusals;
import dev.slipway.rollout.decision.Diagnoses;
import dev.slipway.rollout.decision.FailedRelease;
import dev.slipway.rollout.decision.KubernetesDiagnoses;
import dev.slipway.rollout.decision.LogTail;
import dev.slipway.rollout.decision.PodFailures;
import dev.slipway.rollout.decision.Revisions;
import dev.slipway.rollout.decision.RolloutFailure;
import dev.slipway.rollout.decision.RolloutJudge;
import dev.slipway.rollout.decision.RolloutJudge.State;
import dev.slipway.rollout.decision.RolloutJudge.Verdict;
import dev.slipway.rollout.decision.WorkloadImage;
import dev.slipway.rollout.decision.WorkloadPatches;
import dev.slipway.rollout.decision.WorkloadRef;
import dev.slipway.rollout.decision.WorkloadRows;
import dev.slipway.rollout.target.RolloutRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.kubernetes.observed.ObservedEvent;
import dev.slipway.kubernetes.observed.ObservedPod;
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
 * One service's rollout on its Kubernetes workload:
 * <ol>
 *   <li>read the workload; already at the image (and pull policy) and rolled out → ROLLED_OUT, nothing written;
 *       this release already failed here and was rolled back ({@link FailedRelease}) → ROLLED_BACK again, nothing written;</li>
 *   <li>else JSON-Patch the container's image and pull policy and annotate the release (unless the
 *       image is already set: then only wait, resuming an interrupted rollout);</li>
 *   <li>wait on the watch until kubectl's rollout-status predicate holds, a pod of the new revision
 *       fails, or the release's timeout passes;</li>
 *   <li>on failure, diagnose (pod, node, container, reason, log, distribution) and, when the policy
 *       asks, put the previous revision back and wait for it.</li>
 * </ol>
 */
public final class WorkloadRollout {
    private final ClusterWorkloads cluster;
    private final Clock clock;
    private final int logLines;
    private final RolloutWait wait;
    private final WorkloadRollback rollback;

    public WorkloadRollout(ClusterWorkloads cluster, Clock clock, int logLines) {
        this.cluster = cluster;
        this.clock = clock;
        this.logLines = logLines;
        this.wait = new RolloutWait(clock);
        this.rollback = new WorkloadRollback(cluster, wait, clock);
    }

    public List<NodeRollout> rollOut(RolloutRequest request) {
        KubernetesRuntime runtime = request.service().kubernetes();
        WorkloadRef ref = WorkloadRef.of(runtime);
        ServiceName service = request.service().name();
        WorkloadImage target = WorkloadImage.of(request.image(), runtime, request.pullableFromRegistry());
        String image = target.reference();
        String pullPolicy = target.pullPolicy();
        Duration timeout = Duration.ofSeconds(request.policy().timeoutSeconds());

        Optional<ObservedWorkload> found;
        try {
            found = cluster.read(ref);
        } catch (KubernetesClientException e) {
            return failed(request, ref, List.of(), null, KubernetesDiagnoses.apiFailed(service, ref, "reading it", apiError(e)));
        }
        if (found.isEmpty()) {
            return failed(request, ref, List.of(), null, KubernetesDiagnoses.notFound(service, ref));
        }
        ObservedWorkload workload = found.get();
        ObjectNode before = Revisions.withoutHash(workload.spec().template());
        List<TemplateContainer> containers = workload.containers();
        int index = indexOf(containers, runtime.container().value());
        if (index < 0) {
            return failed(request, ref, List.of(), null, KubernetesDiagnoses.noContainer(service, ref,
                    runtime.container().value(), containers.stream().map(TemplateContainer::name).toList()));
        }
        TemplateContainer current = containers.get(index);
        boolean atImage = image.equals(current.image()) && pullPolicy.equals(current.imagePullPolicy());
        // what the workload ran before this release changed it, on every row the release reports
        String previousImage = image.equals(current.image()) ? null : current.image();

        try (WorkloadWatch watch = cluster.watch(ref, workload.spec().selector())) {
            long generation = workload.generation();
            if (atImage) {
                Verdict now = RolloutJudge.judge(watch.snapshot());
                if (now.state() == State.DONE) {
                    Log.infof("release %s service %s: %s is already at %s and rolled out; nothing to do",
                            request.release().releaseId(), service, ref, image);
                    return withPrevious(previousImage, WorkloadRows.of(RolloutOutcome.ROLLED_OUT, ref, now.newPods(), request.distribution(), null, null));
                }
            } else {
                Optional<FailedRelease> failedHere = FailedRelease.on(workload, runtime.container().value())
                        .filter(failed -> failed.is(request.release().releaseId(), image));
                if (failedHere.isPresent()) {
                    return withPrevious(previousImage, alreadyRolledBack(request, ref, watch, generation, failedHere.get(), timeout));
                }
                Verdict beforeRelease = RolloutJudge.judge(watch.snapshot());
                Optional<RolloutFailure> failing = beforeRelease.state() == State.FAILED ? beforeRelease.failure() : Optional.empty();
                if (failing.isPresent() && failing.get().workloadBroken()) {
                    String diagnosis = KubernetesDiagnoses.alreadyFailing(service, ref, target.ref(), failing.get());
                    Log.warnf("release %s service %s: %s", request.release().releaseId(), service, diagnosis);
                    return withPrevious(previousImage, failed(request, ref, watch.snapshot().pods(), failing.get().node(), diagnosis));
                }
                Map<String, String> annotations = new LinkedHashMap<>();
                annotations.put(WorkloadPatches.RELEASE_ANNOTATION, request.release().releaseId().value());
                annotations.put(WorkloadPatches.CHANGE_CAUSE_ANNOTATION,
                        WorkloadPatches.changeCause(request.release().releaseId(), image));
                if (request.release().requestedAt() != null) {
                    annotations.put(WorkloadPatches.NEWEST_RELEASE_ANNOTATION, request.release().releaseId().value());
                    annotations.put(WorkloadPatches.NEWEST_REQUESTED_AT_ANNOTATION, request.release().requestedAt().toString());
                }
                ObservedWorkload patched = cluster.patch(ref,
                        WorkloadPatches.setImage(workload, index, runtime.container().value(), image, pullPolicy, annotations));
                generation = patched.generation();
                Log.infof("release %s service %s: %s set to %s (%s), generation %d", request.release().releaseId(), service,
                        ref, image, pullPolicy, generation);
                if (failing.isPresent() && workload.isStatefulSet()) {
                    replaceStuckPods(request, ref, beforeRelease, watch.snapshot().events());
                }
            }
            RolloutWait.Waited waited = wait.until(watch, generation, clock.instant().plus(timeout));
            if (waited.verdict().state() == State.DONE) {
                return withPrevious(previousImage, WorkloadRows.of(RolloutOutcome.ROLLED_OUT, ref, waited.verdict().newPods(), request.distribution(), null,
                        null));
            }
            return withPrevious(previousImage, afterFailure(request, target, ref, watch, waited, atImage ? null : before, timeout));
        } catch (KubernetesClientException e) {
            Log.warnf(e, "release %s service %s: the Kubernetes API failed", request.release().releaseId(), service);
            return withPrevious(previousImage, failed(request, ref, List.of(), null, KubernetesDiagnoses.apiFailed(service, ref,
                    "rolling out " + image, apiError(e))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return withPrevious(previousImage, failed(request, ref, List.of(), null, KubernetesDiagnoses.apiFailed(service, ref,
                    "rolling out " + image, "interrupted while waiting (the service is stopping)")));
        }
    }

    private static List<NodeRollout> withPrevious(String previousImage, List<NodeRollout> rows) {
        return previousImage == null ? rows : rows.stream().map(row -> row.withPreviousImage(previousImage)).toList();
    }

    /**
     * This release already failed here and was rolled back (a redelivered event): nothing is written; once
     * the previous revision is rolled out (at once, unless the earlier delivery stopped while waiting for it)
     * the same ROLLED_BACK is reported again.
     */
    private List<NodeRollout> alreadyRolledBack(RolloutRequest request, WorkloadRef ref, WorkloadWatch watch, long generation,
            FailedRelease failed, Duration timeout) throws InterruptedException {
        Log.infof("release %s service %s: this release already failed on %s and was rolled back (%s); not trying it again",
                request.release().releaseId(), request.service().name(), ref, FailedRelease.annotationKey(
                        request.service().kubernetes().container().value()));
        RolloutWait.Waited back = wait.until(watch, generation, clock.instant().plus(timeout));
        String node = failed.node();
        if (back.verdict().state() == State.DONE) {
            return WorkloadRows.of(RolloutOutcome.ROLLED_BACK, ref, back.verdict().newPods(), request.distribution(), node,
                    failed.diagnosis());
        }
        return WorkloadRows.of(RolloutOutcome.FAILED, ref, back.snapshot().pods(), request.distribution(), node,
                KubernetesDiagnoses.rollbackFailed(failed.diagnosis(), "the previous revision is not rolled out: "
                        + back.verdict().status()));
    }

    private List<NodeRollout> afterFailure(RolloutRequest request, WorkloadImage target, WorkloadRef ref, WorkloadWatch watch,
            RolloutWait.Waited waited, ObjectNode before, Duration timeout) throws InterruptedException {
        ServiceName service = request.service().name();
        Optional<RolloutFailure> cause = waited.verdict().failure();
        String node = cause.map(RolloutFailure::node).orElse(null);
        String diagnosis;
        if (waited.verdict().state() == State.GONE) {
            diagnosis = KubernetesDiagnoses.deleted(service, ref);
        } else if (cause.isPresent()) {
            diagnosis = KubernetesDiagnoses.failure(service, ref, target.ref(), cause.get(),
                    distributedTo(request, node), target.registry(), logOf(ref, cause.get()));
        } else {
            diagnosis = KubernetesDiagnoses.timedOut(service, ref, target.ref(), timeout, waited.verdict().status(),
                    waited.verdict().newPods().stream().map(PodFailures::notReadyBecause).flatMap(Optional::stream).sorted().toList());
        }
        Log.warnf("release %s service %s: %s", request.release().releaseId(), service, diagnosis);
        List<ObservedPod> pods = waited.snapshot().pods();
        if (waited.verdict().state() == State.GONE || !request.policy().rollbackOnFailure()) {
            String text = cause.map(c -> KubernetesDiagnoses.leftForInspection(diagnosis, ref, c)).orElse(diagnosis);
            return WorkloadRows.of(RolloutOutcome.FAILED, ref, pods, request.distribution(), node, text);
        }
        return rollback.rollBack(request, ref, watch, waited, before, timeout, diagnosis, node, target.reference());
    }



    /**
     * A StatefulSet (OrderedReady) does not replace a pod stuck at its old revision: the release's new image
     * would never reach it. As an operator would, delete the stuck pods so the controller recreates them at the
     * new revision (Kubernetes' "forced rollback", done forwards).
     */
    private void replaceStuckPods(RolloutRequest request, WorkloadRef ref, Verdict before, List<ObservedEvent> events) {
        for (ObservedPod pod : before.newPods()) {
            if (PodFailures.of(pod, events).filter(RolloutFailure::newImageMayCure).isPresent()) {
                Log.infof("release %s service %s: deleting pod %s, stuck at the previous revision of %s, so that it comes "
                        + "back at the new one", request.release().releaseId(), request.service().name(),
                        pod.name(), ref);
                cluster.deletePod(ref.namespace(), pod.name());
            }
        }
    }

    private LogTail logOf(WorkloadRef ref, RolloutFailure failure) {
        if (!failure.logExplains() || failure.pod() == null || failure.container() == null) {
            return LogTail.of(List.of());
        }
        try {
            return LogTail.of(cluster.lastLogLines(ref.namespace(), failure.pod(), failure.container(), failure.previousLog(),
                    logLines));
        } catch (KubernetesClientException e) {
            return LogTail.unreadable(Diagnoses.oneLineOf(apiError(e)), "kubectl -n " + ref.namespace() + " logs "
                    + failure.pod() + " -c " + failure.container() + (failure.previousLog() ? " --previous" : ""));
        }
    }

    /** An API failure in one line: a refusal (401, 403) with the account, verb, resource and Role to change; else the code and message. */
    static String apiError(KubernetesClientException e) {
        return ApiRefusals.describe(e, ApiRefusals.Grants.ROLLOUT);
    }

    private static Optional<NodeResult> distributedTo(RolloutRequest request, String node) {
        if (node == null) {
            return Optional.empty();
        }
        try {
            return request.distributedTo(NodeName.of(node));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<NodeRollout> failed(RolloutRequest request, WorkloadRef ref, List<ObservedPod> pods, String node,
            String diagnosis) {
        return WorkloadRows.of(RolloutOutcome.FAILED, ref, pods, request.distribution(), node, diagnosis);
    }

    private static int indexOf(List<TemplateContainer> containers, String name) {
        for (int i = 0; i < containers.size(); i++) {
            if (name.equals(containers.get(i).name())) {
                return i;
            }
        }
        return -1;
    }
}
