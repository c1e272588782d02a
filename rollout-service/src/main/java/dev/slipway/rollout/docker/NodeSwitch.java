package dev.slipway.rollout.docker;

import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.rollout.decision.ContainerNames;
import dev.slipway.rollout.decision.ContainerSpec;
import dev.slipway.rollout.decision.Diagnoses;
import dev.slipway.rollout.decision.ExistingContainer;
import dev.slipway.rollout.decision.ReplacementPlan;
import dev.slipway.rollout.decision.ReplacementStep;
import dev.slipway.rollout.decision.StartupFailure;
import dev.slipway.rollout.decision.StartupJudge;
import dev.slipway.rollout.decision.StartupVerdict;
import dev.slipway.rollout.target.RolloutRequest;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.Optional;

/**
 * One service's container on one node: replace it with one from the new image and watch it come
 * up; then, as the whole service's outcome decides, remove the kept previous container, put it
 * back, or leave the failed one for inspection.
 */
final class NodeSwitch {
    private final NodeName node;
    private final NodeContainers containers;
    private final StartupWatch watch;
    private final RolloutRequest request;
    private final ContainerSpec spec;
    private final StartupJudge judge;
    private final Duration stopTimeout;
    private final int logLines;
    private String previousImage;

    NodeSwitch(NodeName node, NodeContainers containers, StartupWatch watch, RolloutRequest request, ContainerSpec spec,
            StartupJudge judge, Duration stopTimeout, int logLines) {
        this.node = node;
        this.containers = containers;
        this.watch = watch;
        this.request = request;
        this.spec = spec;
        this.judge = judge;
        this.stopTimeout = stopTimeout;
        this.logLines = logLines;
    }

    NodeAttempt replace() {
        if (!containers.hasImage(spec.image())) {
            return NodeAttempt.failed(node, false, Diagnoses.imageMissing(service(), node, request.image(), request.distributedTo(node)));
        }
        Optional<ExistingContainer> current = containers.find(spec.name());
        Optional<ExistingContainer> previous = containers.find(previousName());
        Optional<ExistingContainer> failed = containers.find(failedName());
        ReplacementPlan plan = ReplacementPlan.decide(current, previous, failed, spec.image(), request.release().releaseId());
        previousImage = previous.or(() -> current.filter(c -> !c.runs(spec.image()))).map(ExistingContainer::imageId).orElse(null);
        log("replacing container %s: %s", spec.name(), plan.steps());
        if (plan.alreadyRolledBack()) {
            return NodeAttempt.alreadyRolledBack(node, failureOf(failed.orElseThrow()));
        }
        // an interrupted earlier delivery may have switched the node already: its kept previous counts
        boolean touched = !plan.keepsCurrent() || previous.isPresent();
        String id = null;
        for (ReplacementStep step : plan.steps()) {
            switch (step) {
                case ALREADY_ROLLED_BACK -> throw new IllegalStateException("handled above");
                case REMOVE_STALE_FAILED -> containers.remove(failed.orElseThrow().id());
                case REMOVE_STALE_PREVIOUS -> containers.remove(previous.orElseThrow().id());
                case STOP_CURRENT -> containers.stop(current.orElseThrow().id(), stopTimeout);
                case KEEP_CURRENT_AS_PREVIOUS -> containers.rename(current.orElseThrow().id(), previousName());
                case REMOVE_CURRENT -> containers.remove(current.orElseThrow().id());
                case WATCH_CURRENT -> id = current.orElseThrow().id();
                case START_CURRENT, CREATE_AND_START -> {
                    try {
                        id = step == ReplacementStep.START_CURRENT ? current.orElseThrow().id() : containers.create(spec);
                        containers.start(id);
                    } catch (RuntimeException e) {
                        return NodeAttempt.failed(node, touched, Diagnoses.couldNotStart(service(), node, spec.name(), e.getMessage()));
                    }
                }
            }
        }
        StartupVerdict verdict = watch.await(containers, id, judge);
        if (verdict instanceof StartupVerdict.Failed startFailed) {
            return NodeAttempt.failed(node, touched, Diagnoses.startupFailure(service(), node, spec.name(), startFailed.failure(),
                    containers.lastLogLines(id, logLines)));
        }
        // also when resuming (WATCH_CURRENT, START_CURRENT): an earlier delivery may have died before setting it
        containers.restartUnlessStopped(id);
        log("container %s is up at %s", spec.name(), spec.image());
        return NodeAttempt.up(node, touched);
    }

    /** The image id of the container this release replaced on the node (found by {@link #replace()}); null when none. */
    String previousImage() {
        return previousImage;
    }

    /** The service stays at the new image here: the kept previous container is no longer needed. */
    NodeRollout keep() {
        containers.find(previousName()).ifPresent(p -> containers.remove(p.id()));
        return new NodeRollout(node, RolloutOutcome.ROLLED_OUT, spec.name().value(), null);
    }

    /** The failed container stays for inspection, the previous one stays stopped beside it. */
    NodeRollout leaveFailed(String failure) {
        boolean failedLeft = containers.find(spec.name()).filter(c -> c.runs(spec.image())).isPresent();
        boolean previousKept = containers.find(previousName()).isPresent();
        return new NodeRollout(node, RolloutOutcome.FAILED, spec.name().value(),
                Diagnoses.keptForInspection(failure, spec.name(), node, failedLeft, previousKept));
    }

    /**
     * Puts the previous container back and waits for it. With {@code failure} null this node was
     * fine and is rolled back because another node failed; without a previous container it then stays as is.
     */
    NodeRollout rollBack(NodeAttempt attempt, NodeName failedNode) {
        String failure = attempt.failure();
        if (attempt.alreadyRolledBack()) {
            return new NodeRollout(node, RolloutOutcome.ROLLED_BACK, spec.name().value(),
                    Diagnoses.rolledBack(failure, spec.name(), node));
        }
        if (!attempt.touched()) {
            // nothing was changed here (e.g. the image is missing): the running container stays as it is
            if (failure == null) {
                return keep();
            }
            boolean oldRuns = containers.find(spec.name()).filter(c -> c.isActive() && !c.runs(spec.image())).isPresent();
            return oldRuns
                    ? new NodeRollout(node, RolloutOutcome.ROLLED_BACK, spec.name().value(), Diagnoses.unchanged(failure, spec.name(), node))
                    : leaveFailed(failure);
        }
        Optional<ExistingContainer> previous = containers.find(previousName());
        if (previous.isEmpty()) {
            return failure == null ? keep() : leaveFailed(failure);
        }
        log("rolling back to the previous container %s", previous.get().id());
        String text = failure != null ? failure
                : Diagnoses.rolledBackBecauseAnotherNodeFailed(service(), node, spec.name(), failedNode);
        try {
            setAsideNew(failure != null);
            containers.rename(previous.get().id(), spec.name());
            containers.start(previous.get().id());
            StartupVerdict verdict = watch.await(containers, previous.get().id(), judge);
            if (verdict instanceof StartupVerdict.Failed failed) {
                String why = Diagnoses.startupFailure(service(), node, spec.name(), failed.failure(),
                        containers.lastLogLines(previous.get().id(), logLines));
                return new NodeRollout(node, RolloutOutcome.FAILED, spec.name().value(), Diagnoses.rollbackFailed(text, why));
            }
        } catch (RuntimeException e) {
            return new NodeRollout(node, RolloutOutcome.FAILED, spec.name().value(), Diagnoses.rollbackFailed(text, e.getMessage()));
        }
        return new NodeRollout(node, RolloutOutcome.ROLLED_BACK, spec.name().value(),
                failure != null ? Diagnoses.rolledBack(failure, spec.name(), node) : text);
    }

    /**
     * Clears the service's name for the previous container: a new container that failed here is
     * stopped and kept as {@code <name>.failed} (for inspection, and so a redelivered event knows this
     * release already rolled back here); one that was fine, or anything else, is removed.
     */
    private void setAsideNew(boolean failedHere) {
        Optional<ExistingContainer> current = containers.find(spec.name());
        if (current.isEmpty()) {
            return;
        }
        if (!failedHere || !current.get().runs(spec.image())) {
            containers.remove(current.get().id());
            return;
        }
        containers.find(failedName()).ifPresent(f -> containers.remove(f.id()));
        containers.stop(current.get().id(), stopTimeout);
        containers.rename(current.get().id(), failedName());
    }

    /** The diagnosis of an earlier attempt, read back from the failed container kept after its roll-back. */
    private String failureOf(ExistingContainer failed) {
        StartupFailure failure = new StartupFailure(StartupFailure.Kind.EXITED, failed.state(),
                failed.state().ranFor().orElse(Duration.ZERO));
        return Diagnoses.startupFailure(service(), node, spec.name(), failure, containers.lastLogLines(failed.id(), logLines));
    }

    private ContainerName failedName() {
        return ContainerNames.failedOf(spec.name());
    }

    private ContainerName previousName() {
        return ContainerNames.previousOf(spec.name());
    }

    private ServiceName service() {
        return request.service().name();
    }

    private void log(String format, Object... args) {
        Log.infof("release %s service %s node %s: " + format, prepend(args));
    }

    private Object[] prepend(Object[] args) {
        Object[] all = new Object[args.length + 3];
        all[0] = request.release().releaseId();
        all[1] = service();
        all[2] = node;
        System.arraycopy(args, 0, all, 3, args.length);
        return all;
    }
}
