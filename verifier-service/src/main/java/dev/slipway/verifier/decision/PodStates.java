package dev.slipway.verifier.decision;

import dev.slipway.kubernetes.observed.Condition;
import dev.slipway.kubernetes.observed.ObservedPod;
import dev.slipway.kubernetes.observed.ObservedPod.ContainerState;
import dev.slipway.kubernetes.observed.ObservedPod.ContainerStatus;
import java.util.List;
import java.util.Optional;

/** What a pod's status says: whether it runs with every container ready, and if not, why, as kubectl would show it. */
public final class PodStates {
    static final int MESSAGE_CHARS = 160;

    private PodStates() {}

    /** Phase Running, not being deleted, and every container of its spec reports ready. */
    public static boolean runningAndReady(ObservedPod pod) {
        if (pod.terminating() || !"Running".equals(pod.phase())) {
            return false;
        }
        List<ContainerStatus> statuses = pod.containerStatuses();
        return pod.containers().stream().allMatch(container -> statuses.stream()
                .anyMatch(status -> container.name().equals(status.name()) && Boolean.TRUE.equals(status.ready())));
    }

    /**
     * Why the pod does not run: a waiting container's reason (CrashLoopBackOff, ErrImageNeverPull, ...),
     * a terminated container's reason and exit code, Pending with the PodScheduled condition's reason and
     * message, or "Running, container x not ready".
     */
    public static String whyNotRunning(ObservedPod pod) {
        if (pod.terminating()) {
            return "Terminating";
        }
        String phase = pod.phase() == null ? "Unknown" : pod.phase();
        Optional<String> init = reasonOf(pod.initContainerStatuses());
        if (init.isPresent()) {
            return "Init:" + init.get();
        }
        Optional<String> container = reasonOf(pod.containerStatuses());
        if (container.isPresent()) {
            return container.get();
        }
        Optional<Condition> unscheduled = pod.condition("PodScheduled").filter(c -> "False".equals(c.status()));
        if (unscheduled.isPresent()) {
            return phase + ", " + withMessage(unscheduled.get().reason(), unscheduled.get().message());
        }
        if ("Running".equals(phase)) {
            return pod.containerStatuses().stream().filter(s -> !Boolean.TRUE.equals(s.ready())).findFirst()
                    .map(s -> "Running, container " + s.name() + " not ready")
                    .orElse("Running, containers not reported ready");
        }
        return phase;
    }

    private static Optional<String> reasonOf(List<ContainerStatus> statuses) {
        for (ContainerStatus status : statuses) {
            ContainerState state = status.state();
            if (state != null && state.waiting() != null && state.waiting().reason() != null
                    && !"ContainerCreating".equals(state.waiting().reason())) {
                String reason = state.waiting().reason();
                int restarts = status.restarts();
                return Optional.of(restarts > 0 ? reason + ", " + restarts + " restarts" : reason);
            }
            if (state != null && state.terminated() != null && state.terminated().exitCode() != null
                    && state.terminated().exitCode() != 0) {
                return Optional.of(state.terminated().reason() + ", exit code " + state.terminated().exitCode());
            }
        }
        return Optional.empty();
    }

    static String withMessage(String reason, String message) {
        String text = reason == null ? "" : reason;
        if (message != null && !message.isBlank()) {
            String line = message.replaceAll("\\s+", " ").strip();
            text += (text.isEmpty() ? "" : ": ") + (line.length() <= MESSAGE_CHARS ? line : line.substring(0, MESSAGE_CHARS) + "...");
        }
        return text;
    }
}
