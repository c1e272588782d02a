package dev.slipway.console.dora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.console.dora.DoraMeasures.Measures;
import dev.slipway.console.dora.DoraMeasures.Report;
import dev.slipway.console.dora.DoraMeasures.Restore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DoraMeasuresTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void countsDeploymentsLeadTimeAndFailureRateOverTheWindowWithTheReleasesTheyCameFrom() {
        List<FinishedRelease> releases = List.of(
                release("shop-1", "shop", Set.of("web", "api"), daysAgo(40), 60, true), // before the window
                release("shop-2", "shop", Set.of("web", "api"), daysAgo(20), 60, true),
                release("shop-3", "shop", Set.of("web", "api"), daysAgo(10), 120, false),
                release("shop-4", "shop", Set.of("web", "api"), daysAgo(5), 180, true),
                release("ledger-1", "ledger", Set.of("ledger"), daysAgo(2), 30, true));

        Report report = DoraMeasures.compute(releases, DoraWindow.parse("30d"), NOW);

        Measures overall = report.overall();
        assertThat(report.from()).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(overall.deploymentFrequency().count()).isEqualTo(3);
        assertThat(overall.deploymentFrequency().perDay()).isEqualTo(0.1);
        assertThat(overall.deploymentFrequency().releases()).containsExactly("shop-2", "shop-4", "ledger-1");
        assertThat(overall.leadTime().medianMillis()).isEqualTo(60_000);
        assertThat(overall.leadTime().meanMillis()).isEqualTo(90_000);
        assertThat(overall.leadTime().basis()).contains("build request to PASSED");
        assertThat(overall.changeFailureRate().rate()).isEqualTo(0.25);
        assertThat(overall.changeFailureRate().failedReleases()).containsExactly("shop-3");
        assertThat(overall.changeFailureRate().releases()).containsExactly("shop-2", "shop-3", "shop-4", "ledger-1");
        assertThat(report.byRelease()).containsOnlyKeys("ledger", "shop");
        assertThat(report.byRelease().get("shop").deploymentFrequency().releases()).containsExactly("shop-2", "shop-4");
        assertThat(report.byRelease().get("ledger").changeFailureRate().rate()).isEqualTo(0.0);
    }

    @Test
    void timeToRestoreRunsFromAFailureToTheNextPassOfTheSameServices() {
        Instant failedAt = daysAgo(3);
        List<FinishedRelease> releases = List.of(
                release("shop-3", "shop", Set.of("web", "api"), failedAt, 60, false),
                release("shop-4", "shop", Set.of("web"), failedAt.plusSeconds(600), 60, true), // not all of the failed services
                release("shop-5", "shop", Set.of("web", "api"), failedAt.plusSeconds(3600), 60, true),
                release("shop-6", "shop", Set.of("api"), failedAt.plusSeconds(7200), 60, false)); // nothing after it

        Measures overall = DoraMeasures.compute(releases, DoraWindow.parse("7d"), NOW).overall();

        assertThat(overall.timeToRestore().restores()).containsExactly(new Restore("shop-3", "shop-5", 3_600_000));
        assertThat(overall.timeToRestore().medianMillis()).isEqualTo(3_600_000);
        assertThat(overall.timeToRestore().notRestored()).containsExactly("shop-6");
    }

    @Test
    void anEmptyWindowHasNoRatesRatherThanZeroes() {
        Measures overall = DoraMeasures.compute(List.of(), DoraWindow.parse("24h"), NOW).overall();

        assertThat(overall.deploymentFrequency().count()).isZero();
        assertThat(overall.leadTime().medianMillis()).isNull();
        assertThat(overall.changeFailureRate().rate()).isNull();
        assertThat(overall.timeToRestore().medianMillis()).isNull();
    }

    @Test
    void aWindowIsANumberOfDaysOrHours() {
        assertThat(DoraWindow.parse("12h").length()).isEqualTo(Duration.ofHours(12));
        assertThatThrownBy(() -> DoraWindow.parse("30 days")).hasMessage(
                "window '30 days' is not a number of days or hours such as 30d or 12h");
        assertThatThrownBy(() -> DoraWindow.parse("0d")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    /** A release judged at {@code verifiedAt}, requested {@code seconds} before. */
    private static FinishedRelease release(String id, String name, Set<String> services, Instant verifiedAt, long seconds,
            boolean passed) {
        return new FinishedRelease(id, name, services, verifiedAt.minusSeconds(seconds), verifiedAt, passed);
    }
}
