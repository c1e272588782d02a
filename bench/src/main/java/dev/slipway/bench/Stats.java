package dev.slipway.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median, 90th and 99th percentile, min and max of a sample of milliseconds. */
public record Stats(int count, double median, double p90, double p99, double min, double max) {
    public static final String HEADER = "| n | median | p90 | p99 | min | max |";
    public static final String RULE = "|---|---|---|---|---|---|";

    public static Stats of(List<Double> sample) {
        if (sample.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        List<Double> sorted = new ArrayList<>(sample);
        Collections.sort(sorted);
        return new Stats(sorted.size(), percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        double rank = p / 100.0 * (sorted.size() - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (rank - low);
    }

    /** A table row: name, n, median, p90, min, max. */
    public String row(String name, String unit, double scale) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |", name, count, median / scale,
                p90 / scale, min / scale, max / scale);
    }

    /**
     * A row under {@link #HEADER}: name, n, median, p90, p99, min, max (the p99 of fewer than 100 values
     * interpolates between the two largest).
     */
    public String rowWithP99(String name, double scale) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f |", name, count, median / scale,
                p90 / scale, p99 / scale, min / scale, max / scale);
    }
}
