package dev.slipway.verifier.decision;

import dev.slipway.events.CheckResult;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.ServiceResult;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdict of a release from its rows: PASSED only when every service ROLLED_OUT and every check
 * passed. A FAILED verdict carries a diagnosis that lists the failed services first (their own
 * diagnoses say what went wrong and where), then the failed checks with what was expected and seen.
 */
public final class VerdictRules {
    private VerdictRules() {}

    public static Verified decide(RolledOutRelease release, List<CheckResult> checks) {
        ReleaseContext context = release.context();
        List<ServiceResult> services = serviceRows(release);
        List<String> problems = new ArrayList<>();
        for (ServiceResult service : services) {
            if (service.outcome() != RolloutOutcome.ROLLED_OUT) {
                problems.add("service " + service.service() + " " + service.outcome() + ": "
                        + orNoDetail(service.diagnosis()));
            }
        }
        long failedServices = problems.size();
        for (CheckResult check : checks) {
            if (!check.passed()) {
                problems.add(check.kind() + " check '" + check.name() + "' failed: expected " + check.expected()
                        + "; observed " + check.observed());
            }
        }
        if (problems.isEmpty()) {
            return new Verified(context.releaseId(), context.release(), context.version(), Verdict.PASSED, services,
                    checks, null);
        }
        String headline = "release " + context.releaseId() + " (" + context.release() + " " + context.version()
                + ") FAILED: " + summary(failedServices, services.size(), problems.size() - failedServices,
                        checks.size());
        return new Verified(context.releaseId(), context.release(), context.version(), Verdict.FAILED, services,
                checks, headline + "\n- " + String.join("\n- ", problems));
    }

    /** A row per service of the release, in the release's order. */
    public static List<ServiceResult> serviceRows(RolledOutRelease release) {
        List<ServiceResult> rows = new ArrayList<>();
        for (RolloutDone done : release.rollouts().values()) {
            rows.add(new ServiceResult(done.service().name(), done.outcome(), done.diagnosis()));
        }
        return rows;
    }

    private static String summary(long failedServices, int services, long failedChecks, int checks) {
        List<String> parts = new ArrayList<>();
        if (failedServices > 0) {
            parts.add(failedServices + " of " + services + " services did not roll out");
        }
        if (failedChecks > 0) {
            parts.add(failedChecks + " of " + checks + " checks failed");
        }
        return String.join(" and ", parts);
    }

    private static String orNoDetail(String diagnosis) {
        return diagnosis == null || diagnosis.isBlank() ? "(the rollout gave no diagnosis)" : diagnosis;
    }
}
