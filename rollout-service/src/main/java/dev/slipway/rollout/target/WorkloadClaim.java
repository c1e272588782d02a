package dev.slipway.rollout.target;

import java.util.Optional;

/**
 * A release's hold on its workload across rollout replicas (see {@link RuntimeTarget#claim}): held, and given
 * back by {@link #close()}; or refused, with the diagnosis of why the release was not rolled out.
 */
public final class WorkloadClaim implements AutoCloseable {
    /** Nothing to hold: a target whose replicas do not coordinate (one release at a time within the process only). */
    public static final WorkloadClaim NONE = held(() -> {});

    private final String refusal;
    private final Runnable release;

    private WorkloadClaim(String refusal, Runnable release) {
        this.refusal = refusal;
        this.release = release;
    }

    /** Held; {@code release} gives it back (and must not throw). */
    public static WorkloadClaim held(Runnable release) {
        return new WorkloadClaim(null, release);
    }

    /** Not held: the release must not touch the workload; {@code diagnosis} says why and what to do. */
    public static WorkloadClaim refused(String diagnosis) {
        return new WorkloadClaim(diagnosis, () -> {});
    }

    /** Empty when held; else the FAILED outcome's diagnosis. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public void close() {
        release.run();
    }
}
