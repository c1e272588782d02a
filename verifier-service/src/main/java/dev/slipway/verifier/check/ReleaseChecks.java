package dev.slipway.verifier.check;

import dev.slipway.events.CheckResult;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.verifier.decision.RolledOutRelease;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Runs every check of a release with the {@link Check} of its kind; a row per check, in the plan's order. */
@Singleton
public class ReleaseChecks {
    private static final Logger LOG = Logger.getLogger(ReleaseChecks.class);
    private final Map<String, Check> byKind;

    @Inject
    public ReleaseChecks(@Any Instance<Check> checks) {
        this(checks.stream().toList());
    }

    public ReleaseChecks(List<Check> checks) {
        this.byKind = checks.stream().collect(Collectors.toMap(Check::kind, Function.identity(), (a, b) -> {
            throw new IllegalStateException("two checks of kind '" + a.kind() + "': " + a + " and " + b);
        }, TreeMap::new));
    }

    public List<CheckResult> run(RolledOutRelease release) {
        List<CheckResult> rows = new ArrayList<>();
        for (CheckSpec spec : release.context().checks()) {
            CheckResult row = run(spec, release);
            LOG.infof("release %s: %s check '%s' %s: %s", release.context().releaseId(), row.kind(), row.name(),
                    row.passed() ? "passed" : "failed", row.observed());
            rows.add(row);
        }
        return rows;
    }

    private CheckResult run(CheckSpec spec, RolledOutRelease release) {
        Check check = byKind.get(spec.kind());
        if (check == null) {
            return new CheckResult(spec.name(), spec.kind(), "a " + spec.kind() + " check",
                    "this verifier cannot run " + spec.kind() + " checks (it runs " + byKind.keySet()
                            + "); upgrade the verifier-service", false);
        }
        try {
            return check.run(spec, release);
        } catch (RuntimeException e) {
            LOG.errorf(e, "release %s: %s check '%s' could not run", release.context().releaseId(), spec.kind(),
                    spec.name());
            return new CheckResult(spec.name(), spec.kind(), "a " + spec.kind() + " check",
                    "the check could not run: " + e, false);
        }
    }
}
