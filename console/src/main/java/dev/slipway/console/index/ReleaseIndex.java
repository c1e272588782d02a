package dev.slipway.console.index;

import dev.slipway.record.HistoryRow;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every release the console knows, by id; the list pages newest first. Thread-safe: the tailer writes, requests read. */
public final class ReleaseIndex {
    private final Map<String, IndexEntry> entries = new ConcurrentHashMap<>();

    public Optional<IndexEntry> get(String releaseId) {
        return Optional.ofNullable(entries.get(releaseId));
    }

    public void put(IndexEntry entry) {
        entries.put(entry.releaseId(), entry);
    }

    public void putAll(Collection<IndexEntry> loaded) {
        loaded.forEach(this::put);
    }

    /** The releases whose request is known, newest request first, {@code limit} of them from {@code offset}. */
    public List<HistoryRow> page(int offset, int limit) {
        return entries.values().stream().filter(IndexEntry::listed).map(IndexEntry::summary)
                .sorted(HistoryRow.NEWEST_FIRST).skip(offset).limit(limit).toList();
    }

    /** Every listed release's entry, in no order. */
    public List<IndexEntry> listed() {
        return entries.values().stream().filter(IndexEntry::listed).toList();
    }

    /** How many releases the list holds (those whose request is known). */
    public int listedCount() {
        return (int) entries.values().stream().filter(IndexEntry::listed).count();
    }
}
