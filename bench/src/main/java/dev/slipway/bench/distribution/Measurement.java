package dev.slipway.bench.distribution;

import java.util.List;
import java.util.Locale;

/**
 * One timed run of one method (baseline or ours) in one scenario on one kind of link: its wall time, the
 * bytes the host sent each node over its link (veth counters), and, for ours, the bytes the distributor
 * reported per node (sum over the release's images; -1 for the baseline).
 */
record Measurement(String link, String scenario, String method, int rep, long wallMillis, List<Long> sentPerNode,
        List<Long> reportedPerNode, String outcomes) {
    static final String HEADER = "link\tscenario\tmethod\trep\twall_ms\tsent_bytes_per_node\treported_bytes_per_node\toutcomes";

    boolean stalled() {
        return outcomes.startsWith("STALLED");
    }

    /** Every image distributed and on every node afterwards. */
    boolean ok() {
        return outcomes.contains("all nodes hold the release") && !outcomes.contains("FAILED");
    }

    double meanSentPerNode() {
        return sentPerNode.stream().mapToLong(Long::longValue).average().orElse(0);
    }

    double meanReportedPerNode() {
        return reportedPerNode.isEmpty() ? -1 : reportedPerNode.stream().mapToLong(Long::longValue).average().orElse(0);
    }

    String tsv() {
        return String.format(Locale.ROOT, "%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s", link, scenario, method, rep, wallMillis,
                join(sentPerNode), reportedPerNode.isEmpty() ? "-" : join(reportedPerNode), outcomes);
    }

    private static String join(List<Long> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
