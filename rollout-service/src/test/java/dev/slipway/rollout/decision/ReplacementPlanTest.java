package dev.slipway.rollout.decision;

import static dev.slipway.rollout.decision.ReplacementStep.CREATE_AND_START;
import static dev.slipway.rollout.decision.ReplacementStep.KEEP_CURRENT_AS_PREVIOUS;
import static dev.slipway.rollout.decision.ReplacementStep.REMOVE_CURRENT;
import static dev.slipway.rollout.decision.ReplacementStep.REMOVE_STALE_PREVIOUS;
import static dev.slipway.rollout.decision.ReplacementStep.START_CURRENT;
import static dev.slipway.rollout.decision.ReplacementStep.STOP_CURRENT;
import static dev.slipway.rollout.decision.ReplacementStep.WATCH_CURRENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.rollout.testing.Events;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplacementPlanTest {
    private static final ImageId NEW = Events.fakeId('b');
    private static final ImageId OLD = Events.fakeId('a');
    private static final ContainerName NAME = ContainerName.of("example-api");

    private static Optional<ExistingContainer> container(String id, ImageId image, ContainerStatus status) {
        ContainerState state = new ContainerState(status, 0, Instant.EPOCH, null, 0, false, Health.NONE, null, null);
        return Optional.of(new ExistingContainer(id, NAME, image.value(), "example-1", state));
    }

    private static final ReleaseId RELEASE = ReleaseId.of("example-1");

    private static ReplacementPlan decide(Optional<ExistingContainer> current, Optional<ExistingContainer> previous,
            ImageId image) {
        return ReplacementPlan.decide(current, previous, Optional.empty(), image, RELEASE);
    }

    @Test
    void aReleaseThatAlreadyFailedAndRolledBackHereIsNotTriedAgain() {
        ReplacementPlan plan = ReplacementPlan.decide(container("c1", OLD, ContainerStatus.RUNNING), Optional.empty(),
                container("c2", NEW, ContainerStatus.EXITED), NEW, RELEASE);
        assertThat(plan.steps()).containsExactly(ReplacementStep.ALREADY_ROLLED_BACK);
        assertThat(plan.keepsCurrent()).isTrue();
    }

    @Test
    void aFailedContainerOfAnotherReleaseIsRemovedBeforeTryingAgain() {
        assertThat(ReplacementPlan.decide(container("c1", OLD, ContainerStatus.RUNNING), Optional.empty(),
                container("c2", NEW, ContainerStatus.EXITED), NEW, ReleaseId.of("example-2")).steps())
                .containsExactly(ReplacementStep.REMOVE_STALE_FAILED, STOP_CURRENT, KEEP_CURRENT_AS_PREVIOUS, CREATE_AND_START);
    }

    @Test
    void aFirstRolloutCreatesTheContainer() {
        assertThat(decide(Optional.empty(), Optional.empty(), NEW).steps()).containsExactly(CREATE_AND_START);
    }

    @Test
    void aRunningOldContainerIsStoppedAndKeptAsPrevious() {
        assertThat(decide(container("c1", OLD, ContainerStatus.RUNNING), Optional.empty(), NEW).steps())
                .containsExactly(STOP_CURRENT, KEEP_CURRENT_AS_PREVIOUS, CREATE_AND_START);
    }

    @Test
    void aStalePreviousMakesRoomForTheRunningOne() {
        assertThat(decide(container("c1", OLD, ContainerStatus.RUNNING),
                container("c0", OLD, ContainerStatus.EXITED), NEW).steps())
                .containsExactly(REMOVE_STALE_PREVIOUS, STOP_CURRENT, KEEP_CURRENT_AS_PREVIOUS, CREATE_AND_START);
    }

    @Test
    void aDeadLeftoverIsRemovedWhenThePreviousIsAlreadyKept() {
        assertThat(decide(container("c2", Events.fakeId('c'), ContainerStatus.EXITED),
                container("c1", OLD, ContainerStatus.EXITED), NEW).steps())
                .containsExactly(REMOVE_CURRENT, CREATE_AND_START);
    }

    @Test
    void anInterruptedRolloutKeepsThePreviousItHadAlreadyKept() {
        assertThat(decide(Optional.empty(), container("c1", OLD, ContainerStatus.EXITED), NEW).steps())
                .containsExactly(CREATE_AND_START);
    }

    @Test
    void aContainerAlreadyAtTheImageIsOnlyWatched() {
        ReplacementPlan plan = decide(container("c1", NEW, ContainerStatus.RUNNING), Optional.empty(), NEW);
        assertThat(plan.steps()).containsExactly(WATCH_CURRENT);
        assertThat(plan.keepsCurrent()).isTrue();
    }

    @Test
    void aContainerCreatedAtTheImageButNeverStartedIsStarted() {
        assertThat(decide(container("c1", NEW, ContainerStatus.CREATED),
                container("c0", OLD, ContainerStatus.EXITED), NEW).steps()).containsExactly(START_CURRENT);
    }
}
