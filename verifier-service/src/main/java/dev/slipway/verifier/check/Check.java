package dev.slipway.verifier.check;

import dev.slipway.events.CheckResult;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.verifier.decision.RolledOutRelease;

/**
 * One kind of check (http, container; Kubernetes kinds come beside them). A check never throws for
 * what it observes: a wrong status, a missing container or an unreachable engine is a failed row.
 */
public interface Check {
    /** The kind it runs, as {@link CheckSpec#kind()} names it. */
    String kind();

    CheckResult run(CheckSpec spec, RolledOutRelease release);
}
