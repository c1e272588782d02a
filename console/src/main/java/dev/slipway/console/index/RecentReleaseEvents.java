package dev.slipway.console.index;

import dev.slipway.record.ReleaseEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events of the releases in progress most recently touched, at most {@code capacity} releases (least recently
 * used leave first), so a release in progress is re-assembled on each new event without reading the topics again.
 * A finished release leaves at its verdict; its page is rebuilt from its ranges when asked for.
 */
public final class RecentReleaseEvents {
    private final Map<String, List<ReleaseEvent>> byRelease;

    public RecentReleaseEvents(int capacity) {
        this.byRelease = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<ReleaseEvent>> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized int size() {
        return byRelease.size();
    }

    public synchronized Optional<List<ReleaseEvent>> get(String releaseId) {
        List<ReleaseEvent> events = byRelease.get(releaseId);
        return events == null ? Optional.empty() : Optional.of(List.copyOf(events));
    }

    public synchronized boolean contains(String releaseId) {
        return byRelease.containsKey(releaseId);
    }

    public synchronized void put(String releaseId, List<ReleaseEvent> events) {
        byRelease.put(releaseId, new ArrayList<>(events));
    }

    public synchronized void remove(String releaseId) {
        byRelease.remove(releaseId);
    }

    public synchronized void add(String releaseId, ReleaseEvent event) {
        byRelease.computeIfAbsent(releaseId, id -> new ArrayList<>()).add(event);
    }
}
