package dev.slipway.bench.distribution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The markdown table of a distribution benchmark: medians per link and scenario, ours beside the baseline. */
final class Report {
    private static final double MIB = 1024.0 * 1024.0;

    private Report() {}

    static String markdown(List<Measurement> measurements, Map<String, BenchImage> images, int nodes, int reps,
            String startLoad, String endLoad) {
        StringBuilder out = new StringBuilder();
        BenchImage base = images.get("slipway-bench/base:1");
        BenchImage a2 = images.get("slipway-bench/a:2");
        double changed = a2.size() - base.size();
        out.append(String.format(Locale.ROOT, "Images (MiB): A %.1f, B %.1f, A2 %.1f; shared base %.1f; A2's changed top layer %.1f. "
                + "%d nodes, median of %d runs each; load average at start %s, at end %s.%n%n",
                images.get("slipway-bench/a:1").size() / MIB, images.get("slipway-bench/b:1").size() / MIB, a2.size() / MIB,
                base.size() / MIB, changed / MIB, nodes, reps, startLoad, endLoad));
        out.append("| link | scenario | ours fed | baseline wall (s) | ours wall (s) | ours/baseline wall "
                + "| baseline sent/node (MiB) | ours sent/node (MiB) | ours reported/node (MiB) | ours/baseline bytes "
                + "| ours sent/node ÷ changed layer |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, List<Measurement>> groups = new LinkedHashMap<>();
        measurements.forEach(m -> groups.computeIfAbsent(m.link() + "\t" + m.scenario(), k -> new ArrayList<>()).add(m));
        groups.forEach((key, group) -> {
            String[] parts = key.split("\t");
            List<Measurement> baseline = group.stream().filter(m -> m.method().equals("baseline")).toList();
            double baselineWall = median(baseline, m -> m.wallMillis() / 1000.0);
            double baselineSent = median(baseline, Measurement::meanSentPerNode);
            for (String method : List.of("ours", "ours-one-by-one")) {
                List<Measurement> all = group.stream().filter(m -> m.method().equals(method)).toList();
                if (all.isEmpty()) {
                    continue;
                }
                List<Measurement> ours = all.stream().filter(m -> !m.stalled()).toList();
                long stalled = all.size() - ours.size();
                long failed = all.stream().filter(m -> !m.ok()).count() - stalled;
                double oursWall = median(ours, m -> m.wallMillis() / 1000.0);
                double oursSent = median(ours, Measurement::meanSentPerNode);
                double oursReported = median(ours, Measurement::meanReportedPerNode);
                String note = (stalled > 0 ? " STALLED in " + stalled + " of " + all.size() + " runs" : "")
                        + (failed > 0 ? " FAILED or incomplete in " + failed + " runs (raw.tsv)" : "");
                out.append(String.format(Locale.ROOT, "| %s | (%s) %s | %s%s | %.1f | %s | %s | %.1f | %s | %s | %s | %s |%n",
                        parts[0].equals("none") ? "veth, no limit" : parts[0] + " each way", parts[1],
                        Scenario.valueOfLabel(parts[1]).description,
                        method.equals("ours") ? "release at once" : "one image at a time", note,
                        baselineWall, number(oursWall, "%.1f"), number(oursWall / baselineWall, "%.2f"), baselineSent / MIB,
                        number(oursSent / MIB, "%.1f"), number(oursReported / MIB, "%.1f"),
                        baselineSent == 0 ? "-" : number(oursSent / baselineSent, "%.2f"),
                        parts[1].equals("c") ? number(oursSent / changed, "%.2f") : "-"));
            }
        });
        return out.toString();
    }

    private static String number(double value, String format) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }

    private static double median(List<Measurement> sample, ToDoubleFunction<Measurement> value) {
        if (sample.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(sample.stream().map(value::applyAsDouble).toList());
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
