package dev.slipway.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.events.ReleaseContext;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.RolloutPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WorkloadQueueTest {
    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");
    private final WorkloadQueue queue = new WorkloadQueue();

    @Test
    void aSecondReleaseOfTheSameWorkloadStartsOnlyWhenTheFirstIsDone() throws Exception {
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        AtomicBoolean firstEnded = new AtomicBoolean();
        CompletableFuture<String> first = roll("Deployment shop/api", release("a", T), () -> {
            hold(firstMayEnd);
            firstEnded.set(true);
            return "a done";
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.queued("Deployment shop/api") == 1);
        CompletableFuture<String> second = roll("Deployment shop/api", release("b", T.plusSeconds(1)),
                () -> firstEnded.get() ? "b after a" : "b during a");
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.queued("Deployment shop/api") == 2);

        firstMayEnd.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("a done");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("b after a");
        assertThat(queue.queued("Deployment shop/api")).isZero();
    }

    @Test
    void anotherWorkloadDoesNotWait() throws Exception {
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        CompletableFuture<String> first = roll("Deployment shop/api", release("a", T), () -> {
            hold(firstMayEnd);
            return "a done";
        });

        assertThat(roll("Deployment shop/web", release("a", T), () -> "web done").get(5, TimeUnit.SECONDS))
                .isEqualTo("web done");
        assertThat(first).isNotDone();
        firstMayEnd.countDown();
        first.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aWaitingReleaseIsSupersededByANewerOneQueuedBehindIt() throws Exception {
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        CompletableFuture<String> running = roll("container shop-api", release("r1", T), () -> {
            hold(firstMayEnd);
            return "r1 done";
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.queued("container shop-api") == 1);
        CompletableFuture<String> older = roll("container shop-api", release("r2", T.plusSeconds(10)), () -> "r2 rolled out");
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.queued("container shop-api") == 2);
        CompletableFuture<String> newer = roll("container shop-api", release("r3", T.plusSeconds(20)), () -> "r3 rolled out");
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.queued("container shop-api") == 3);

        firstMayEnd.countDown();

        assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("r1 done");
        assertThat(older.get(5, TimeUnit.SECONDS)).isEqualTo("superseded by shop-r3-0a1b2c3d");
        assertThat(newer.get(5, TimeUnit.SECONDS)).isEqualTo("r3 rolled out");
    }

    private CompletableFuture<String> roll(String workload, ReleaseContext release, java.util.function.Supplier<String> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return queue.run(workload, release, work, newer -> "superseded by " + newer.releaseId());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> new Thread(runnable).start());
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReleaseContext release(String name, Instant requestedAt) {
        return new ReleaseContext(ReleaseId.of("shop-" + name + "-0a1b2c3d"), ReleaseName.of("shop"), Version.of("1.0.0"),
                List.of(ServiceName.of("api")), RolloutPolicy.DEFAULT, List.of(), null, requestedAt);
    }
}
