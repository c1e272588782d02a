package dev.slipway.record;

import dev.slipway.record.AuditRecord.Failure;
import java.time.Instant;
import java.util.Comparator;

/**
 * One past release in {@code slipway history}: who, what, when, how it ended (or the last stage it reached),
 * how long it took and, when it failed, the first failed service and the first line of its diagnosis.
 */
public record HistoryRow(String releaseId, String release, String version, String commit, String requestedAt,
        String state, Long durationMillis, String failedService, String diagnosis) {
    /** Newest request first; the same time by release id. */
    public static final Comparator<HistoryRow> NEWEST_FIRST = Comparator.comparing((HistoryRow row) -> Instant.parse(row.requestedAt()))
            .reversed().thenComparing(HistoryRow::releaseId);

    /** The row of a record whose request is known. */
    public static HistoryRow of(AuditRecord record) {
        AuditRecord.Request request = record.request();
        String state = record.outcome().finished() ? record.outcome().state() : "at " + record.outcome().lastStage();
        Failure failure = record.failures().stream().findFirst().orElse(null);
        return new HistoryRow(record.releaseId(), request.release(), request.version(), shortCommit(request),
                request.requestedAt(), state, record.totalMillis(),
                failure == null ? null : failure.service() != null ? failure.service() : failure.check(),
                failure == null || failure.diagnosis() == null ? null : failure.diagnosis().strip().lines().findFirst().orElse(null));
    }

    private static String shortCommit(AuditRecord.Request request) {
        if (request.commit() == null) {
            return null;
        }
        return request.commit().substring(0, 12) + (request.dirty() ? "-dirty" : "");
    }
}
