package dev.slipway.rollout.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartupJudgeTest {
    private final Instant t0 = Instant.parse("2026-11-27T05:00:00Z");
    private final StartupJudge judge = new StartupJudge(Duration.ofSeconds(2), Duration.ofSeconds(30));

    private ContainerState state(ContainerStatus status, int exitCode, int restarts, Health health) {
        return new ContainerState(status, exitCode, t0, status == ContainerStatus.EXITED ? t0.plusMillis(400) : null,
                restarts, false, health, health == Health.UNHEALTHY ? "curl: connection refused" : null, null);
    }

    private StartupVerdict at(ContainerState state, Duration sinceStart) {
        return judge.judge(state, 0, t0, t0.plus(sinceStart));
    }

    @Test
    void aContainerRunningShorterThanTheSettleTimeIsStillStarting() {
        assertThat(at(state(ContainerStatus.RUNNING, 0, 0, Health.NONE), Duration.ofMillis(1500)))
                .isInstanceOf(StartupVerdict.Waiting.class);
    }

    @Test
    void aContainerRunningForTheSettleTimeIsUp() {
        assertThat(at(state(ContainerStatus.RUNNING, 0, 0, Health.NONE), Duration.ofSeconds(2)))
                .isInstanceOf(StartupVerdict.Up.class);
    }

    @Test
    void aContainerWithAHealthcheckIsUpOnlyOnceHealthy() {
        assertThat(at(state(ContainerStatus.RUNNING, 0, 0, Health.STARTING), Duration.ofSeconds(5)))
                .isInstanceOf(StartupVerdict.Waiting.class);
        assertThat(at(state(ContainerStatus.RUNNING, 0, 0, Health.HEALTHY), Duration.ofSeconds(5)))
                .isInstanceOf(StartupVerdict.Up.class);
    }

    @Test
    void anExitedContainerFailsAtOnceWithItsExitCode() {
        StartupVerdict verdict = at(state(ContainerStatus.EXITED, 3, 0, Health.NONE), Duration.ofMillis(300));
        assertThat(verdict).isInstanceOf(StartupVerdict.Failed.class);
        StartupFailure failure = ((StartupVerdict.Failed) verdict).failure();
        assertThat(failure.kind()).isEqualTo(StartupFailure.Kind.EXITED);
        assertThat(failure.state().exitCode()).isEqualTo(3);
        assertThat(failure.ranFor()).contains(Duration.ofMillis(400));
    }

    @Test
    void aRestartingContainerFailsAtOnce() {
        assertThat(failureKind(at(state(ContainerStatus.RESTARTING, 1, 1, Health.NONE), Duration.ofMillis(200))))
                .isEqualTo(StartupFailure.Kind.RESTARTED);
    }

    @Test
    void aContainerThatRestartedBetweenTwoLooksFails() {
        assertThat(failureKind(at(state(ContainerStatus.RUNNING, 0, 2, Health.NONE), Duration.ofSeconds(3))))
                .isEqualTo(StartupFailure.Kind.RESTARTED);
    }

    @Test
    void restartsBeforeTheWatchBeganDoNotCount() {
        assertThat(judge.judge(state(ContainerStatus.RUNNING, 0, 2, Health.NONE), 2, t0, t0.plusSeconds(3)))
                .isInstanceOf(StartupVerdict.Up.class);
    }

    @Test
    void anUnhealthyContainerFailsAtOnce() {
        assertThat(failureKind(at(state(ContainerStatus.RUNNING, 0, 0, Health.UNHEALTHY), Duration.ofSeconds(1))))
                .isEqualTo(StartupFailure.Kind.UNHEALTHY);
    }

    @Test
    void aContainerNotUpWhenTheTimeoutPassesHasTimedOut() {
        assertThat(failureKind(at(state(ContainerStatus.RUNNING, 0, 0, Health.STARTING), Duration.ofSeconds(30))))
                .isEqualTo(StartupFailure.Kind.TIMED_OUT);
        assertThat(failureKind(at(state(ContainerStatus.CREATED, 0, 0, Health.NONE), Duration.ofSeconds(31))))
                .isEqualTo(StartupFailure.Kind.TIMED_OUT);
    }

    private static StartupFailure.Kind failureKind(StartupVerdict verdict) {
        assertThat(verdict).isInstanceOf(StartupVerdict.Failed.class);
        return ((StartupVerdict.Failed) verdict).failure().kind();
    }
}
