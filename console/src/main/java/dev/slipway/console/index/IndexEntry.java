package dev.slipway.console.index;

import dev.slipway.record.HistoryRow;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the index keeps of one release: its summary (null while its build request has not been read: a release
 * requested before the topics' retention), the services its plan names, and, per topic, where its records are, so its full record can be rebuilt
 * by reading those few offsets instead of the topics.
 */
public record IndexEntry(String releaseId, HistoryRow summary, List<String> services, Map<String, EventRange> ranges) {
    public IndexEntry {
        services = services == null ? List.of() : List.copyOf(services);
        ranges = Map.copyOf(ranges);
    }

    public static IndexEntry empty(String releaseId) {
        return new IndexEntry(releaseId, null, List.of(), Map.of());
    }

    /** This entry with the record at {@code offset} of {@code topic}/{@code partition} among the release's records. */
    public IndexEntry withRecord(String topic, int partition, long offset) {
        Map<String, EventRange> changed = new TreeMap<>(ranges);
        changed.merge(topic, new EventRange(partition, offset, offset), (old, added) -> old.including(offset));
        return new IndexEntry(releaseId, summary, services, changed);
    }

    /** This entry with the release's summary and the services its plan names. */
    public IndexEntry withSummary(HistoryRow newSummary, List<String> planServices) {
        return new IndexEntry(releaseId, newSummary, planServices, ranges);
    }

    public boolean listed() {
        return summary != null;
    }
}
