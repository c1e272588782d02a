package dev.slipway.rollout.kubernetes.sim;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What each simulated container wrote: the current run's and the previous run's log. */
final class ContainerLogs {
    private final Map<String, List<String>> current = new ConcurrentHashMap<>();
    private final Map<String, List<String>> previous = new ConcurrentHashMap<>();

    private static String key(String namespace, String pod, String container) {
        return namespace + "/" + pod + "/" + container;
    }

    void write(String namespace, String pod, String container, List<String> currentRun, List<String> previousRun) {
        current.put(key(namespace, pod, container), List.copyOf(currentRun));
        if (previousRun != null) {
            previous.put(key(namespace, pod, container), List.copyOf(previousRun));
        }
    }

    /** The log text, or null when there is no such run (kubectl logs --previous on a container that never restarted). */
    String read(String namespace, String pod, String container, boolean previousRun, int tailLines) {
        List<String> lines = (previousRun ? previous : current).get(key(namespace, pod, container));
        if (lines == null) {
            return previousRun ? null : "";
        }
        List<String> tail = lines.subList(Math.max(0, lines.size() - tailLines), lines.size());
        return tail.isEmpty() ? "" : String.join("\n", tail) + "\n";
    }
}
