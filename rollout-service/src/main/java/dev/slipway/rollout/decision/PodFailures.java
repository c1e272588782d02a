package dev.slipway.rollout.decision;

import dev.slipway.kubernetes.observed.Condition;
import dev.slipway.kubernetes.observed.ObservedEvent;
import dev.slipway.kubernetes.observed.ObservedNode;
import dev.slipway.kubernetes.observed.ObservedPod;
import dev.slipway.kubernetes.observed.ObservedPod.ContainerStatus;
import dev.slipway.kubernetes.observed.ObservedPod.Terminated;
import dev.slipway.kubernetes.observed.ObservedPod.Waiting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    public static Optional<RolloutFailure> firstOf(List<ObservedPod> newPods, List<ObservedEvent> events) {
        return firstOf(newPods, events, List.of());
    }

    /** As above, also failing a pod that waits on a node that is not Ready (its kubelet stopped, say). */
    public static Optional<RolloutFailure> firstOf(List<ObservedPod> newPods, List<ObservedEvent> events,
            List<ObservedNode> nodes) {
        return newPods.stream()
                .sorted(Comparator.comparing(ObservedPod::name))
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
    static Optional<RolloutFailure> onNodeNotReady(ObservedPod pod, List<ObservedNode> nodes) {
        String nodeName = pod.nodeName();
        if (nodeName == null || pod.runningAndReady()) {
            return Optional.empty();
        }
        Optional<Condition> ready = nodes.stream().filter(n -> nodeName.equals(n.name())).findFirst()
                .flatMap(n -> n.condition("Ready"));
        if (ready.isEmpty() || "True".equals(ready.get().status())) {
            return Optional.empty();
        }
        Condition condition = ready.get();
        String message = "node " + nodeName + " is not ready (" + (condition.reason() == null ? "Ready " + condition.status()
                : condition.reason()) + (condition.message() == null ? "" : ": " + condition.message())
                + (condition.lastTransitionTime() == null ? "" : ", since " + condition.lastTransitionTime())
                + "): nothing starts the pod there until its kubelet reports again; check the node (kubectl describe node "
                + nodeName + ")";
        return Optional.of(new RolloutFailure(pod.name(), nodeName, null, "NodeNotReady", message, false, false,
                List.of()));
    }

    public static Optional<RolloutFailure> of(ObservedPod pod, List<ObservedEvent> events) {
        String name = pod.name();
        String node = pod.nodeName();
        List<ContainerStatus> statuses = new ArrayList<>(pod.initContainerStatuses());
        statuses.addAll(pod.containerStatuses());
        for (ContainerStatus status : statuses) {
            Optional<RolloutFailure> failure = ofContainer(name, node, status);
            if (failure.isPresent()) {
                return failure;
            }
        }
        return unschedulable(pod, name, events);
    }

    private static Optional<RolloutFailure> ofContainer(String pod, String node, ContainerStatus status) {
        int restarts = status.restarts();
        Waiting waiting = status.state() == null ? null : status.state().waiting();
        Terminated last = status.lastState() == null ? null : status.lastState().terminated();
        if (waiting != null && FATAL_WAITING.contains(waiting.reason())) {
            boolean crash = "CrashLoopBackOff".equals(waiting.reason());
            String message = waiting.message() == null ? "" : waiting.message();
            if (crash && last != null) {
                message = exited(last, restarts) + (message.isBlank() ? "" : " (" + message + ")");
            }
            return Optional.of(new RolloutFailure(pod, node, status.name(), waiting.reason(), message, crash,
                    crash && restarts > 0, List.of()));
        }
        if (restarts >= REPEATED_EXITS && last != null && last.exitCode() != null && last.exitCode() != 0) {
            return Optional.of(new RolloutFailure(pod, node, status.name(), "RepeatedExit", exited(last, restarts),
                    true, true, List.of()));
        }
        return Optional.empty();
    }

    private static String exited(Terminated last, int restarts) {
        return "exited with code " + last.exitCode()
                + (last.reason() == null ? "" : " (" + last.reason() + ")") + ", restarted " + restarts + " time(s)";
    }

    private static Optional<RolloutFailure> unschedulable(ObservedPod pod, String name, List<ObservedEvent> events) {
        Optional<Condition> condition = pod.conditions().stream()
                .filter(c -> c.is("PodScheduled", "False") && "Unschedulable".equals(c.reason()))
                .findFirst();
        String uid = pod.metadata().getUid();
        Optional<ObservedEvent> event = events.stream()
                .filter(e -> "FailedScheduling".equals(e.reason()) && e.involvedObject() != null
                        && "Pod".equals(e.involvedObject().kind()) && name.equals(e.involvedObject().name())
                        && (uid == null || e.involvedObject().uid() == null || uid.equals(e.involvedObject().uid())))
                .max(Comparator.comparing(ObservedEvent::time));
        if (pod.nodeName() != null || (condition.isEmpty() && event.isEmpty())) {
            return Optional.empty();
        }
        String message = event.map(ObservedEvent::message).filter(m -> m != null && !m.isBlank())
                .orElseGet(() -> condition.map(Condition::message).orElse(""));
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
    public static Optional<String> notReadyBecause(ObservedPod pod) {
        if (pod.runningAndReady()) {
            return Optional.empty();
        }
        String name = pod.name();
        String node = pod.nodeName();
        Optional<Condition> unscheduled = pod.conditions().stream().filter(c -> c.is("PodScheduled", "False")).findFirst();
        if (node == null) {
            return Optional.of(name + " (not scheduled" + unscheduled.map(c -> ": " + c.message()).orElse("") + ")");
        }
        String state = pod.containerStatuses().stream()
                .map(s -> s.state() != null && s.state().waiting() != null ? s.state().waiting().reason()
                        : s.state() != null && s.state().running() != null ? "running, not ready" : null)
                .filter(s -> s != null).findFirst().orElse(null);
        return Optional.of(name + " on " + node + " (" + (state != null ? state
                : pod.phase() == null ? "no status from its kubelet yet" : pod.phase()) + ")");
    }

    /** The claims the message names as missing, else, when it speaks of unbound claims, the pod's claims. */
    static List<String> claims(ObservedPod pod, String message) {
        Set<String> claims = new LinkedHashSet<>();
        Matcher missing = MISSING_CLAIM.matcher(message);
        while (missing.find()) {
            claims.add(missing.group(1));
        }
        if (claims.isEmpty() && message.toLowerCase().contains("persistentvolumeclaim")) {
            claims.addAll(pod.claimNames());
        }
        return List.copyOf(claims);
    }
}
