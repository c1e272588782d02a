package dev.slipway.verifier.decision;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Optional;

/** What a pod's status says: whether it runs with every container ready, and if not, why, as kubectl would show it. */
public final class PodStates {
    static final int MESSAGE_CHARS = 160;

    private PodStates() {}

    /** Phase Running, not being deleted, and every container of its spec reports ready. */
    public static boolean runningAndReady(Pod pod) {
        if (terminating(pod) || pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
            return false;
        }
        List<ContainerStatus> statuses = containerStatuses(pod);
        return pod.getSpec().getContainers().stream().allMatch(container -> statuses.stream()
                .anyMatch(status -> container.getName().equals(status.getName()) && Boolean.TRUE.equals(status.getReady())));
    }

    public static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /**
     * Why the pod does not run: a waiting container's reason (CrashLoopBackOff, ErrImageNeverPull, ...),
     * a terminated container's reason and exit code, Pending with the PodScheduled condition's reason and
     * message, or "Running, container x not ready".
     */
    public static String whyNotRunning(Pod pod) {
        if (terminating(pod)) {
            return "Terminating";
        }
        String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Unknown" : pod.getStatus().getPhase();
        Optional<String> init = reasonOf(pod.getStatus() == null ? List.of() : pod.getStatus().getInitContainerStatuses());
        if (init.isPresent()) {
            return "Init:" + init.get();
        }
        Optional<String> container = reasonOf(containerStatuses(pod));
        if (container.isPresent()) {
            return container.get();
        }
        Optional<PodCondition> unscheduled = condition(pod, "PodScheduled").filter(c -> "False".equals(c.getStatus()));
        if (unscheduled.isPresent()) {
            return phase + ", " + withMessage(unscheduled.get().getReason(), unscheduled.get().getMessage());
        }
        if ("Running".equals(phase)) {
            return containerStatuses(pod).stream().filter(s -> !Boolean.TRUE.equals(s.getReady())).findFirst()
                    .map(s -> "Running, container " + s.getName() + " not ready")
                    .orElse("Running, containers not reported ready");
        }
        return phase;
    }

    private static Optional<String> reasonOf(List<ContainerStatus> statuses) {
        if (statuses == null) {
            return Optional.empty();
        }
        for (ContainerStatus status : statuses) {
            ContainerState state = status.getState();
            if (state != null && state.getWaiting() != null && state.getWaiting().getReason() != null
                    && !"ContainerCreating".equals(state.getWaiting().getReason())) {
                String reason = state.getWaiting().getReason();
                int restarts = status.getRestartCount() == null ? 0 : status.getRestartCount();
                return Optional.of(restarts > 0 ? reason + ", " + restarts + " restarts" : reason);
            }
            if (state != null && state.getTerminated() != null && state.getTerminated().getExitCode() != null
                    && state.getTerminated().getExitCode() != 0) {
                return Optional.of(state.getTerminated().getReason() + ", exit code " + state.getTerminated().getExitCode());
            }
        }
        return Optional.empty();
    }

    private static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static List<ContainerStatus> containerStatuses(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? List.of()
                : pod.getStatus().getContainerStatuses();
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
