package dev.slipway.console.dora;

import dev.slipway.console.index.IndexEntry;
import dev.slipway.record.HistoryRow;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** The releases of the index that have a verdict, as {@link FinishedRelease}s: the verdict's time is the request's plus the duration. */
public final class FinishedReleases {
    private FinishedReleases() {}

    public static List<FinishedRelease> of(List<IndexEntry> entries) {
        return entries.stream().map(FinishedReleases::of).flatMap(Optional::stream).toList();
    }

    private static Optional<FinishedRelease> of(IndexEntry entry) {
        HistoryRow row = entry.summary();
        boolean passed = "PASSED".equals(row.state());
        if (!passed && !"FAILED".equals(row.state()) || row.durationMillis() == null) {
            return Optional.empty();
        }
        Instant requested = Instant.parse(row.requestedAt());
        return Optional.of(new FinishedRelease(row.releaseId(), row.release(), new HashSet<>(entry.services()), requested,
                requested.plusMillis(row.durationMillis()), passed));
    }
}
