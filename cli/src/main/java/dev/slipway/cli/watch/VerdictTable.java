package dev.slipway.cli.watch;

import dev.slipway.events.CheckResult;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.ServiceResult;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a release as a table: a row per service (its rollout) and per check, each with what was
 * expected, what was observed and whether they agree; then the diagnosis when the release failed.
 */
public final class VerdictTable {
    private static final int MAX_CELL = 60;
    private static final List<String> HEADER = List.of("", "expected", "observed", "result");

    private VerdictTable() {}

    public static String render(Verified verified) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ServiceResult service : verified.services()) {
            rows.add(List.of("service " + service.service(), RolloutOutcome.ROLLED_OUT.name(), service.outcome().name(),
                    service.outcome() == RolloutOutcome.ROLLED_OUT ? "pass" : "FAIL"));
        }
        for (CheckResult check : verified.checks()) {
            rows.add(List.of("check " + check.name() + " (" + check.kind() + ")", cell(check.expected()),
                    cell(check.observed()), check.passed() ? "pass" : "FAIL"));
        }
        StringBuilder out = new StringBuilder();
        out.append("release ").append(verified.releaseId()).append(" (").append(verified.release()).append(' ')
                .append(verified.version()).append("): ").append(verified.verdict()).append("\n\n");
        int[] widths = widths(rows);
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        if (verified.verdict() == Verdict.FAILED) {
            out.append('\n').append("diagnosis:\n");
            if (verified.diagnosis() != null && !verified.diagnosis().isBlank()) {
                verified.diagnosis().lines().forEach(line -> out.append("  ").append(line).append('\n'));
            }
            for (ServiceResult service : verified.services()) {
                if (service.diagnosis() != null && !service.diagnosis().isBlank()
                        && (verified.diagnosis() == null || !verified.diagnosis().contains(service.diagnosis()))) {
                    out.append("  ").append(service.service()).append(": ").append(service.diagnosis()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String cell(String value) {
        if (value == null) {
            return "-";
        }
        String flat = value.replaceAll("\\s+", " ").strip();
        return flat.length() > MAX_CELL ? flat.substring(0, MAX_CELL - 1) + "…" : flat;
    }

    private static int[] widths(List<List<String>> rows) {
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        return widths;
    }
}
