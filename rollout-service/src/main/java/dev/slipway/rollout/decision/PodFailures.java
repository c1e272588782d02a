package dev.slipway.rollout.decision;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Classifies a pod of the new revision as failed, the moment its status or events show a state it
 * will not leave on its own: the image is not on the node ({@code ErrImageNeverPull}) or cannot be
 * pulled ({@code ErrImagePull}, {@code ImagePullBackOff}, {@code InvalidImageName}), the container
 * crash-loops ({@code CrashLoopBackOff}, or exited non-zero and restarted at least twice), its
 * configuration is broken ({@code CreateContainerConfigError}), or it cannot be scheduled
 * (PodScheduled=False/Unschedulable or a FailedScheduling event, e.g. a missing or unbound PVC).
 */
public final class PodFailures {
    static final Set<String> IMAGE_REASONS = Set.of("ErrImageNeverPull", "ErrImagePull", "ImagePullBackOff",
            "InvalidImageName");
    private static final Set<String> FATAL_WAITING = Set.of("ErrImageNeverPull", "ErrImagePull", "ImagePullBackOff",
            "InvalidImageName", "CrashLoopBackOff", "CreateContainerConfigError");
    private static final Pattern MISSING_CLAIM = Pattern.compile("persistentvolumeclaim \"([a-z0-9.-]+)\" not found");
    /** "0/4 nodes are available: <reason>, <reason>." (the scheduler's summary, up to the final period). */
    private static final Pattern NODE_REASONS = Pattern.compile("\\d+/\\d+ nodes are available: (.*?)\\.?\\s*$");
    private static final Pattern TRANSIENT_REASON = Pattern.compile(
            "didn't have free ports|Insufficient |Too many pods|node\\(s\\) were unschedulable|not-ready|unreachable");
    /** Restarts after which a container that keeps exiting non-zero counts as crash-looping. */
    static final int REPEATED_EXITS = 2;

    private PodFailures() {}

    /** The first failed pod among {@code newPods} (in name order), judged with the namespace's scheduling events. */
    public static Optional<RolloutFailure> firstOf(List<Pod> newPods, List<Event> events) {
        return firstOf(newPods, events, List.of());
    }

    /** As above, also failing a pod that waits on a node that is not Ready (its kubelet stopped, say). */
    public static Optional<RolloutFailure> firstOf(List<Pod> newPods, List<Event> events, List<Node> nodes) {
        return newPods.stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .map(p -> of(p, events).or(() -> onNodeNotReady(p, nodes)))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * A pod that is not running and ready on a node whose Ready condition is not True: its kubelet is gone
     * (stopped, the machine down, the network cut) and nothing will start the pod there until it comes back or the
     * pod is evicted (5 minutes by default), e.g. {@code node vps-3 is not ready (NodeStatusUnknown: Kubelet stopped
     * posting node status., since 2026-12-02T00:41:02Z)}.
     */
    static Optional<RolloutFailure> onNodeNotReady(Pod pod, List<Node> nodes) {
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (nodeName == null || runningAndReady(pod)) {
            return Optional.empty();
        }
        Optional<NodeCondition> ready = nodes.stream().filter(n -> nodeName.equals(n.getMetadata().getName())).findFirst()
                .flatMap(n -> n.getStatus() == null || n.getStatus().getConditions() == null ? Optional.empty()
                        : n.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst());
        if (ready.isEmpty() || "True".equals(ready.get().getStatus())) {
            return Optional.empty();
        }
        NodeCondition condition = ready.get();
        String message = "node " + nodeName + " is not ready (" + (condition.getReason() == null ? "Ready " + condition.getStatus()
                : condition.getReason()) + (condition.getMessage() == null ? "" : ": " + condition.getMessage())
                + (condition.getLastTransitionTime() == null ? "" : ", since " + condition.getLastTransitionTime())
                + "): nothing starts the pod there until its kubelet reports again; check the node (kubectl describe node "
                + nodeName + ")";
        return Optional.of(new RolloutFailure(pod.getMetadata().getName(), nodeName, null, "NodeNotReady", message, false, false,
                List.of()));
    }

    private static boolean runningAndReady(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()) && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public static Optional<RolloutFailure> of(Pod pod, List<Event> events) {
        String name = pod.getMetadata().getName();
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (pod.getStatus() != null) {
            List<ContainerStatus> statuses = new ArrayList<>();
            if (pod.getStatus().getInitContainerStatuses() != null) {
                statuses.addAll(pod.getStatus().getInitContainerStatuses());
            }
            if (pod.getStatus().getContainerStatuses() != null) {
                statuses.addAll(pod.getStatus().getContainerStatuses());
            }
            for (ContainerStatus status : statuses) {
                Optional<RolloutFailure> failure = ofContainer(name, node, status);
                if (failure.isPresent()) {
                    return failure;
                }
            }
        }
        return unschedulable(pod, name, events);
    }

    private static Optional<RolloutFailure> ofContainer(String pod, String node, ContainerStatus status) {
        int restarts = status.getRestartCount() == null ? 0 : status.getRestartCount();
        ContainerStateWaiting waiting = status.getState() == null ? null : status.getState().getWaiting();
        ContainerStateTerminated last = status.getLastState() == null ? null : status.getLastState().getTerminated();
        if (waiting != null && FATAL_WAITING.contains(waiting.getReason())) {
            boolean crash = "CrashLoopBackOff".equals(waiting.getReason());
            String message = waiting.getMessage() == null ? "" : waiting.getMessage();
            if (crash && last != null) {
                message = exited(last, restarts) + (message.isBlank() ? "" : " (" + message + ")");
            }
            return Optional.of(new RolloutFailure(pod, node, status.getName(), waiting.getReason(), message, crash,
                    crash && restarts > 0, List.of()));
        }
        if (restarts >= REPEATED_EXITS && last != null && last.getExitCode() != null && last.getExitCode() != 0) {
            return Optional.of(new RolloutFailure(pod, node, status.getName(), "RepeatedExit", exited(last, restarts),
                    true, true, List.of()));
        }
        return Optional.empty();
    }

    private static String exited(ContainerStateTerminated last, int restarts) {
        return "exited with code " + last.getExitCode()
                + (last.getReason() == null ? "" : " (" + last.getReason() + ")") + ", restarted " + restarts + " time(s)";
    }

    private static Optional<RolloutFailure> unschedulable(Pod pod, String name, List<Event> events) {
        Optional<PodCondition> condition = pod.getStatus() == null || pod.getStatus().getConditions() == null ? Optional.empty()
                : pod.getStatus().getConditions().stream()
                        .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                                && "Unschedulable".equals(c.getReason()))
                        .findFirst();
        Optional<Event> event = events.stream()
                .filter(e -> "FailedScheduling".equals(e.getReason()) && e.getInvolvedObject() != null
                        && "Pod".equals(e.getInvolvedObject().getKind()) && name.equals(e.getInvolvedObject().getName())
                        && (pod.getMetadata().getUid() == null || e.getInvolvedObject().getUid() == null
                                || pod.getMetadata().getUid().equals(e.getInvolvedObject().getUid())))
                .max(Comparator.comparing(PodFailures::eventTime));
        boolean scheduled = pod.getSpec() != null && pod.getSpec().getNodeName() != null;
        if (scheduled || (condition.isEmpty() && event.isEmpty())) {
            return Optional.empty();
        }
        String message = event.map(Event::getMessage).filter(m -> m != null && !m.isBlank())
                .orElseGet(() -> condition.map(PodCondition::getMessage).orElse(""));
        if (clearsByItself(message)) {
            return Optional.empty();
        }
        return Optional.of(new RolloutFailure(name, null, null, "Unschedulable", message, false, false, claims(pod, message)));
    }

    /**
     * Whether every reason the scheduler gives is one a rolling update clears by itself: a port, CPU, memory or pod
     * slot held by a pod of the old revision that is still stopping (seen on the real cluster with a hostPort and
     * maxSurge 0: the new pod is unschedulable for the seconds the old one takes to go), or a node briefly not ready.
     * {@code 0/4 nodes are available: 4 node(s) didn't have free ports for the requested pod ports.} clears;
     * a missing or unbound claim, a node selector or affinity nothing matches, does not.
     */
    static boolean clearsByItself(String message) {
        Matcher nodes = NODE_REASONS.matcher(message);
        if (!nodes.find()) {
            return false;
        }
        List<String> reasons = List.of(nodes.group(1).split(",\\s*"));
        return reasons.stream().map(String::strip).filter(r -> !r.isEmpty())
                .allMatch(reason -> TRANSIENT_REASON.matcher(reason).find());
    }

    /**
     * Why a pod that is not failing is not ready yet, for a diagnosis after a timeout, e.g. {@code api-7d9f (not
     * scheduled: 0/4 nodes are available: 4 node(s) didn't have free ports for the requested pod ports.)} or
     * {@code web-5c2 on vps-2 (ContainerCreating)}; empty for a pod that is running and ready.
     */
    public static Optional<String> notReadyBecause(Pod pod) {
        if (runningAndReady(pod)) {
            return Optional.empty();
        }
        String name = pod.getMetadata().getName();
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        Optional<PodCondition> unscheduled = pod.getStatus() == null || pod.getStatus().getConditions() == null ? Optional.empty()
                : pod.getStatus().getConditions().stream()
                        .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())).findFirst();
        if (node == null) {
            return Optional.of(name + " (not scheduled" + unscheduled.map(c -> ": " + c.getMessage()).orElse("") + ")");
        }
        String state = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? null
                : pod.getStatus().getContainerStatuses().stream()
                        .map(s -> s.getState() != null && s.getState().getWaiting() != null ? s.getState().getWaiting().getReason()
                                : s.getState() != null && s.getState().getRunning() != null ? "running, not ready" : null)
                        .filter(s -> s != null).findFirst().orElse(null);
        return Optional.of(name + " on " + node + " (" + (state != null ? state
                : pod.getStatus() == null || pod.getStatus().getPhase() == null ? "no status from its kubelet yet" : pod.getStatus().getPhase())
                + ")");
    }

    /** The claims the message names as missing, else, when it speaks of unbound claims, the pod's claims. */
    static List<String> claims(Pod pod, String message) {
        Set<String> claims = new LinkedHashSet<>();
        Matcher missing = MISSING_CLAIM.matcher(message);
        while (missing.find()) {
            claims.add(missing.group(1));
        }
        if (claims.isEmpty() && message.toLowerCase().contains("persistentvolumeclaim") && pod.getSpec() != null
                && pod.getSpec().getVolumes() != null) {
            pod.getSpec().getVolumes().stream().map(Volume::getPersistentVolumeClaim).filter(c -> c != null)
                    .map(c -> c.getClaimName()).forEach(claims::add);
        }
        return List.copyOf(claims);
    }

    private static String eventTime(Event event) {
        return Stream.of(event.getLastTimestamp(), event.getFirstTimestamp(),
                        event.getEventTime() == null ? null : event.getEventTime().getTime(),
                        event.getMetadata() == null ? null : event.getMetadata().getCreationTimestamp())
                .filter(t -> t != null).findFirst().orElse("");
    }
}
