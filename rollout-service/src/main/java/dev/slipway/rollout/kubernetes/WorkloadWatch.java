package dev.slipway.rollout.kubernetes;

import dev.slipway.rollout.decision.WorkloadSnapshot;
import java.time.Duration;

/** A running watch on one workload: its latest state, and a way to wait for the next change. */
public interface WorkloadWatch extends AutoCloseable {
    /** A counter that grows with every change seen; read it before {@link #snapshot()}. */
    long version();

    WorkloadSnapshot snapshot();

    /** Waits until {@link #version()} passes {@code seen} or {@code timeout} elapses. */
    void awaitChange(long seen, Duration timeout) throws InterruptedException;

    @Override
    void close();
}
