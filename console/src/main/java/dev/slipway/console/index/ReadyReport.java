package dev.slipway.console.index;

import java.util.Locale;

/** How the index became ready: releases listed, time from start, entries loaded from the index topic, records of the five topics read. */
public record ReadyReport(int releases, long millis, int loadedEntries, long recordsRead) {
    /** The line the console logs once (a benchmark parses its start: {@code console ready: N releases indexed in M ms}). */
    public String logLine() {
        return String.format(Locale.ROOT, "console ready: %d releases indexed in %d ms (%d entries loaded from the index topic, "
                + "%d records of the five topics read)", releases, millis, loadedEntries, recordsRead);
    }
}
