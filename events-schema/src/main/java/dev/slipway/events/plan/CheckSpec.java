package dev.slipway.events.plan;

import java.util.ArrayList;
import java.util.List;

/** One check of the release; exactly one of its kinds is set. */
public record CheckSpec(String name, HttpCheck http, ContainerCheck container, NodesReadyCheck nodesReady,
        WorkloadCheck workload, PodsRunningCheck podsRunning, PvcsBoundCheck pvcsBound) {
    /** The kinds, as {@link #kind()} names them and slipway.yaml spells them. */
    public static final List<String> KINDS = List.of("http", "container", "nodesReady", "workload", "podsRunning",
            "pvcsBound");

    public CheckSpec {
        List<String> set = setKinds(http, container, nodesReady, workload, podsRunning, pvcsBound);
        if (set.size() != 1) {
            throw new IllegalArgumentException("check '" + name + "' must have exactly one of: " + String.join(", ", KINDS)
                    + (set.isEmpty() ? "" : " (has " + String.join(", ", set) + ")"));
        }
    }

    /** A check of a plain HTTP endpoint or a Docker container. */
    public CheckSpec(String name, HttpCheck http, ContainerCheck container) {
        this(name, http, container, null, null, null, null);
    }

    public static CheckSpec of(String name, Object kind) {
        return new CheckSpec(name, as(kind, HttpCheck.class), as(kind, ContainerCheck.class), as(kind, NodesReadyCheck.class),
                as(kind, WorkloadCheck.class), as(kind, PodsRunningCheck.class), as(kind, PvcsBoundCheck.class));
    }

    public String kind() {
        return setKinds(http, container, nodesReady, workload, podsRunning, pvcsBound).get(0);
    }

    private static List<String> setKinds(Object... kinds) {
        List<String> set = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] != null) {
                set.add(KINDS.get(i));
            }
        }
        return set;
    }

    private static <T> T as(Object kind, Class<T> type) {
        return type.isInstance(kind) ? type.cast(kind) : null;
    }
}
