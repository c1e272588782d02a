package dev.slipway.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows of {@code slipway history} as a plain-text table with aligned columns; long diagnoses are cut to one line. */
public final class HistoryTable {
    private static final int MAX_DIAGNOSIS = 80;
    private static final List<String> HEADER = List.of("RELEASE ID", "RELEASE", "VERSION", "COMMIT", "REQUESTED AT",
            "STATE", "DURATION", "FAILED", "DIAGNOSIS");

    private HistoryTable() {}

    public static String render(List<HistoryRow> rows) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADER);
        for (HistoryRow row : rows) {
            cells.add(List.of(row.releaseId(), row.release(), row.version(), dash(row.commit()), row.requestedAt(),
                    row.state(), row.durationMillis() == null ? "-" : Units.seconds(row.durationMillis()),
                    dash(row.failedService()), diagnosis(row.diagnosis())));
        }
        int[] widths = new int[HEADER.size()];
        cells.forEach(line -> {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                text.append(String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", line.get(i)));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }

    private static String diagnosis(String value) {
        if (value == null) {
            return "-";
        }
        String flat = value.replaceAll("\\s+", " ").strip();
        return flat.length() > MAX_DIAGNOSIS ? flat.substring(0, MAX_DIAGNOSIS - 1) + "…" : flat;
    }
}
