package dev.slipway.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The history rows of the releases among some events: the events grouped by release, each group assembled into its
 * record; only releases whose request is among the events are listed (a release requested before the window read
 * has no name or version to show), optionally only those of one release name; newest first.
 */
public final class ReleaseHistory {
    private ReleaseHistory() {}

    public static List<HistoryRow> rows(List<ReleaseEvent> events, String releaseName) {
        Map<String, List<ReleaseEvent>> byRelease = new TreeMap<>();
        events.forEach(event -> byRelease.computeIfAbsent(event.subject(), id -> new ArrayList<>()).add(event));
        List<HistoryRow> rows = new ArrayList<>();
        byRelease.forEach((id, releaseEvents) -> {
            AuditRecord record = RecordAssembler.assemble(id, releaseEvents);
            if (record.request() != null && (releaseName == null || releaseName.equals(record.request().release()))) {
                rows.add(HistoryRow.of(record));
            }
        });
        rows.sort(HistoryRow.NEWEST_FIRST);
        return rows;
    }
}
