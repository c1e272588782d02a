package dev.slipway.verifier.stage;

import dev.slipway.events.CheckResult;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.verifier.check.ReleaseChecks;
import dev.slipway.verifier.config.VerifierConfig;
import dev.slipway.verifier.decision.ReleaseProgress;
import dev.slipway.verifier.decision.RolledOutRelease;
import dev.slipway.verifier.decision.VerdictRules;
import dev.slipway.verifier.state.ProgressStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The verifier's steps for one RolloutDone: record it; when the release is complete, run its checks
 * and decide the verdict; save the decision; publish it; remember it was published. Each step is
 * saved before the next, so a restart at any point neither loses a RolloutDone nor runs the checks
 * again, and a RolloutDone redelivered after the Verified went out publishes nothing. Releases are
 * verified at once (a lock per release, not one for all); one still waiting at its deadline gets a
 * FAILED verdict naming the services that never reported ({@link #expireOverdue}). A finished release's state is
 * dropped once it is older than {@code keep-finished} ({@link #forgetFinished}), and a RolloutDone that old finding
 * no state is ignored, so the state stays small and a replay sends no second verdict.
 */
@Singleton
public class VerificationStage {
    private static final Logger LOG = Logger.getLogger(VerificationStage.class);

    private final ProgressStore store;
    private final ReleaseChecks checks;
    private final VerifiedPublisher publisher;
    private final Duration deadline;
    private final Duration keepFinished;
    private final Clock clock;
    private final ReleaseLocks locks = new ReleaseLocks();

    @Inject
    public VerificationStage(ProgressStore store, ReleaseChecks checks, VerifiedPublisher publisher, VerifierConfig config,
            Clock clock) {
        this(store, checks, publisher, config.releaseDeadline(), config.keepFinished(), clock);
    }

    /** Finished releases kept for a day, on the system clock. */
    public VerificationStage(ProgressStore store, ReleaseChecks checks, VerifiedPublisher publisher, Duration deadline) {
        this(store, checks, publisher, deadline, Duration.ofDays(1), Clock.systemUTC());
    }

    public VerificationStage(ProgressStore store, ReleaseChecks checks, VerifiedPublisher publisher, Duration deadline,
            Duration keepFinished, Clock clock) {
        this.store = store;
        this.checks = checks;
        this.publisher = publisher;
        this.deadline = deadline;
        this.keepFinished = keepFinished.compareTo(deadline) < 0 ? deadline : keepFinished;
        this.clock = clock;
    }

    /**
     * Handles one RolloutDone. Throws {@link dev.slipway.events.InvalidEventException} for an event
     * that does not fit its release (unknown service, different service list).
     */
    public void handle(RolloutDone done) {
        ReleaseId release = done.release().releaseId();
        locks.run(release, () -> handleLocked(done, release));
    }

    /**
     * Gives every release still waiting past its deadline ({@code slipway.verifier.release-deadline} after it
     * was requested) its FAILED verdict naming the services that never reported; returns how many.
     */
    public int expireOverdue(Instant now) {
        int expired = 0;
        for (ReleaseProgress candidate : store.unfinished()) {
            if (!VerdictRules.isOverdue(candidate, deadline, now)) {
                continue;
            }
            if (expireLocked(candidate.releaseId(), now)) {
                expired++;
            }
        }
        return expired;
    }

    /**
     * Drops the state of every release whose Verified was sent and that was requested longer than
     * {@code slipway.verifier.keep-finished} before {@code now} (tombstones); returns how many.
     */
    public int forgetFinished(Instant now) {
        int forgotten = 0;
        for (ReleaseProgress candidate : store.finished()) {
            if (!VerdictRules.isPastKeeping(candidate.requestedAt(), keepFinished, now)) {
                continue;
            }
            locks.run(candidate.releaseId(), () -> store.forget(candidate.releaseId()));
            forgotten++;
        }
        return forgotten;
    }

    private boolean expireLocked(ReleaseId release, Instant now) {
        boolean[] expired = {false};
        locks.run(release, () -> {
            ReleaseProgress progress = store.progress(release);
            if (!VerdictRules.isOverdue(progress, deadline, now)) {
                return;
            }
            ReleaseProgress decided = progress.decided(VerdictRules.overdue(progress, deadline));
            store.save(decided);
            LOG.warnf("release %s: still waiting for %s at its deadline; FAILED", release, progress.missingServices());
            publisher.publish(decided.verified());
            store.save(decided.sent());
            expired[0] = true;
        });
        return expired[0];
    }

    private void handleLocked(RolloutDone done, ReleaseId release) {
        ReleaseProgress progress = store.progress(release);
        if (progress.rollouts().isEmpty() && VerdictRules.isPastKeeping(done.release().requestedAt(), keepFinished,
                clock.instant())) {
            LOG.infof("release %s: RolloutDone of service %s ignored: the release was requested at %s, longer than "
                    + "slipway.verifier.keep-finished (%s) ago, so its verdict may have been sent and forgotten already "
                    + "(a replayed topic); nothing to do", release, done.service().name(), done.release().requestedAt(),
                    keepFinished);
            return;
        }
        if (progress.emitted()) {
            LOG.infof("release %s: RolloutDone of service %s arrived after the release's Verified (%s) was sent; "
                    + "nothing to do", release, done.service().name(), progress.verified().verdict());
            return;
        }
        if (progress.verified() == null) {
            progress = record(progress, done);
            if (!progress.complete()) {
                return;
            }
            progress = decide(progress);
        }
        publisher.publish(progress.verified());
        store.save(progress.sent());
        LOG.infof("release %s: Verified %s sent", release, progress.verified().verdict());
    }

    private ReleaseProgress record(ReleaseProgress progress, RolloutDone done) {
        ReleaseProgress next = progress.with(done);
        store.save(next);
        LOG.infof("release %s: service %s %s; waiting for %s", next.releaseId(), done.service().name(),
                done.outcome(), next.missingServices().isEmpty() ? "nothing" : next.missingServices());
        return next;
    }

    private ReleaseProgress decide(ReleaseProgress progress) {
        RolledOutRelease release = progress.rolledOut();
        List<CheckResult> rows = checks.run(release);
        Verified verdict = VerdictRules.decide(release, rows);
        ReleaseProgress decided = progress.decided(verdict);
        store.save(decided);
        return decided;
    }
}
