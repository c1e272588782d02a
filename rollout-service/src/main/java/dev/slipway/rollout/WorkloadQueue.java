package dev.slipway.rollout;

import dev.slipway.events.ReleaseContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One release at a time per workload (a container name on Docker, a Deployment or StatefulSet on
 * Kubernetes): a second release of the same workload waits until the first is done, and a release still
 * waiting when a newer one (requested later) queues behind it is not rolled out at all, the newer one
 * goes instead. Services of one release, or of different workloads, still roll out in parallel.
 * Within this process only: replicas of the rollout service do not see each other's queue.
 */
public final class WorkloadQueue {
    private record Waiting(ReleaseContext release, long ticket) {}

    private final Map<String, List<Waiting>> queues = new HashMap<>();
    private long tickets;

    /**
     * Runs {@code work} for {@code release} once no earlier-queued release of {@code workload} is running; returns
     * {@code superseded} of the newer release instead when one queued behind it before its turn came.
     */
    public <T> T run(String workload, ReleaseContext release, Supplier<T> work, Function<ReleaseContext, T> superseded)
            throws InterruptedException {
        Waiting me;
        synchronized (this) {
            me = new Waiting(release, tickets++);
            queues.computeIfAbsent(workload, key -> new ArrayList<>()).add(me);
        }
        try {
            Optional<ReleaseContext> newer;
            synchronized (this) {
                while (queues.get(workload).get(0) != me) {
                    wait();
                }
                newer = newerThan(release, queues.get(workload));
            }
            return newer.isPresent() ? superseded.apply(newer.get()) : work.get();
        } finally {
            synchronized (this) {
                List<Waiting> queue = queues.get(workload);
                queue.remove(me);
                if (queue.isEmpty()) {
                    queues.remove(workload);
                }
                notifyAll();
            }
        }
    }

    /** The newest release queued behind {@code release} and requested after it. */
    private static Optional<ReleaseContext> newerThan(ReleaseContext release, List<Waiting> queue) {
        Instant mine = release.requestedAt();
        if (mine == null) {
            return Optional.empty();
        }
        return queue.stream().map(Waiting::release)
                .filter(other -> other.requestedAt() != null && other.requestedAt().isAfter(mine)
                        && !other.releaseId().equals(release.releaseId()))
                .max(java.util.Comparator.comparing(ReleaseContext::requestedAt));
    }

    /** How many releases are queued for {@code workload}, the running one included. */
    synchronized int queued(String workload) {
        return queues.getOrDefault(workload, List.of()).size();
    }
}
