package dev.slipway.verifier.decision;

import dev.slipway.events.names.ServiceName;
import dev.slipway.events.CheckResult;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.ServiceResult;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.time.Instant;
import java.time.Duration;

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

    /**
     * FAILED for a release still waiting for some services' RolloutDone at its deadline: a row for each
     * service, those that never reported naming the deadline; no check is run.
     */
    public static Verified overdue(ReleaseProgress progress, Duration deadline) {
        ReleaseContext context = progress.context().orElseThrow();
        List<ServiceResult> services = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ServiceName service : context.services()) {
            Optional<RolloutDone> done = progress.rollout(service);
            if (done.isPresent()) {
                services.add(new ServiceResult(service, done.get().outcome(), done.get().diagnosis()));
                if (done.get().outcome() != RolloutOutcome.ROLLED_OUT) {
                    problems.add("service " + service + " " + done.get().outcome() + ": " + orNoDetail(done.get().diagnosis()));
                }
            } else {
                String never = "no RolloutDone for service " + service + " within " + deadline + " of the release's request ("
                        + context.requestedAt() + ", slipway.verifier.release-deadline): a stage before the verifier "
                        + "stopped on it or is stuck; its rollout was not checked";
                services.add(new ServiceResult(service, RolloutOutcome.FAILED, never));
                problems.add(never);
            }
        }
        String headline = "release " + context.releaseId() + " (" + context.release() + " " + context.version()
                + ") FAILED: " + progress.missingServices().size() + " of " + services.size()
                + " services never reported; no check was run";
        return new Verified(context.releaseId(), context.release(), context.version(), Verdict.FAILED, services, List.of(),
                headline + "\n- " + String.join("\n- ", problems));
    }

    /** Whether {@code progress}, still waiting, is past its release's deadline at {@code now}. */
    public static boolean isOverdue(ReleaseProgress progress, Duration deadline, Instant now) {
        return !progress.emitted() && progress.verified() == null && !progress.complete()
                && progress.context().map(ReleaseContext::requestedAt).filter(t -> now.isAfter(t.plus(deadline))).isPresent();
    }

    /**
     * Whether a release was requested longer than {@code keep} before {@code now}: its finished progress may be
     * dropped, and a RolloutDone of it arriving with no progress left is ignored rather than verified again.
     * A release without a request time is never that old.
     */
    public static boolean isPastKeeping(Instant requestedAt, Duration keep, Instant now) {
        return requestedAt != null && now.isAfter(requestedAt.plus(keep));
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
