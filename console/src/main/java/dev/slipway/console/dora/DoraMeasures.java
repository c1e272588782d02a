package dev.slipway.console.dora;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The four DORA measures over a window, from finished releases (pure): each measure with the releases it was computed
 * from. A release counts in the window when its verdict falls in it.
 *
 * <ul>
 *   <li>deployment frequency: PASSED releases per day;
 *   <li>lead time for changes: the events carry the commit but not its time, so this is the time from the build
 *       request to PASSED (median and mean), the part of the lead time Slipway sees;
 *   <li>change failure rate: FAILED among releases with a verdict;
 *   <li>time to restore: from a FAILED release's verdict to the verdict of the next PASSED release whose services
 *       include all of the failed one's (median); a failure with no such release yet is listed as not restored.
 * </ul>
 */
public final class DoraMeasures {
    private DoraMeasures() {}

    public record Report(String window, Instant from, Instant to, Measures overall, Map<String, Measures> byRelease) {}

    public record Measures(Deployments deploymentFrequency, LeadTime leadTime, ChangeFailureRate changeFailureRate,
            TimeToRestore timeToRestore) {}

    public record Deployments(int count, double perDay, List<String> releases) {}

    public record LeadTime(String basis, Long medianMillis, Long meanMillis, List<String> releases) {}

    public record ChangeFailureRate(int failed, int finished, Double rate, List<String> failedReleases, List<String> releases) {}

    public record Restore(String failed, String restoredBy, long millis) {}

    public record TimeToRestore(Long medianMillis, List<Restore> restores, List<String> notRestored) {}

    public static final String LEAD_TIME_BASIS = "build request to PASSED (the events do not carry the commit's time)";

    public static Report compute(List<FinishedRelease> releases, DoraWindow window, Instant now) {
        Instant from = now.minus(window.length());
        List<FinishedRelease> ordered = releases.stream()
                .sorted(Comparator.comparing(FinishedRelease::verifiedAt).thenComparing(FinishedRelease::releaseId)).toList();
        Map<String, Measures> byRelease = new TreeMap<>();
        ordered.stream().map(FinishedRelease::release).distinct().forEach(name -> byRelease.put(name,
                measures(ordered.stream().filter(r -> r.release().equals(name)).toList(), from, now, window.length())));
        return new Report(window.text(), from, now, measures(ordered, from, now, window.length()), byRelease);
    }

    private static Measures measures(List<FinishedRelease> all, Instant from, Instant to, Duration length) {
        List<FinishedRelease> inWindow = all.stream()
                .filter(r -> !r.verifiedAt().isBefore(from) && !r.verifiedAt().isAfter(to)).toList();
        List<FinishedRelease> passed = inWindow.stream().filter(FinishedRelease::passed).toList();
        List<FinishedRelease> failed = inWindow.stream().filter(r -> !r.passed()).toList();
        double days = length.toMillis() / 86_400_000.0;
        Deployments deployments = new Deployments(passed.size(), passed.size() / days, ids(passed));
        List<Long> leadTimes = passed.stream().map(r -> Duration.between(r.requestedAt(), r.verifiedAt()).toMillis()).toList();
        LeadTime leadTime = new LeadTime(LEAD_TIME_BASIS, median(leadTimes),
                leadTimes.isEmpty() ? null : Math.round(leadTimes.stream().mapToLong(Long::longValue).average().orElseThrow()),
                ids(passed));
        ChangeFailureRate failureRate = new ChangeFailureRate(failed.size(), inWindow.size(),
                inWindow.isEmpty() ? null : (double) failed.size() / inWindow.size(), ids(failed), ids(inWindow));
        return new Measures(deployments, leadTime, failureRate, timeToRestore(failed, all));
    }

    private static TimeToRestore timeToRestore(List<FinishedRelease> failed, List<FinishedRelease> all) {
        List<Restore> restores = new ArrayList<>();
        List<String> notRestored = new ArrayList<>();
        for (FinishedRelease failure : failed) {
            all.stream().filter(r -> r.passed() && r.verifiedAt().isAfter(failure.verifiedAt())
                    && r.services().containsAll(failure.services())).findFirst()
                    .ifPresentOrElse(fix -> restores.add(new Restore(failure.releaseId(), fix.releaseId(),
                            Duration.between(failure.verifiedAt(), fix.verifiedAt()).toMillis())),
                            () -> notRestored.add(failure.releaseId()));
        }
        return new TimeToRestore(median(restores.stream().map(Restore::millis).toList()), restores, notRestored);
    }

    private static Long median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static List<String> ids(List<FinishedRelease> releases) {
        return releases.stream().map(FinishedRelease::releaseId).collect(Collectors.toList());
    }
}
