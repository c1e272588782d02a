package dev.slipway.rollout.docker;

import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageId;
import dev.slipway.rollout.decision.ContainerSpec;
import dev.slipway.rollout.decision.ContainerState;
import dev.slipway.rollout.decision.ExistingContainer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The container operations the rollout needs on one node's Docker engine, and nothing else. */
public interface NodeContainers {
    /** The container with exactly this name, if any. */
    Optional<ExistingContainer> find(ContainerName name);

    /** The state of the container with this id, or empty once it is gone. */
    Optional<ContainerState> state(String containerId);

    boolean hasImage(ImageId image);

    /** Creates the container (not started, no restart policy yet) and returns its id. */
    String create(ContainerSpec spec);

    void start(String containerId);

    /** Stops the container, killing it after {@code timeout}; a container already stopped is fine. */
    void stop(String containerId, Duration timeout);

    void rename(String containerId, ContainerName name);

    /** Removes the container, running or not; one already gone is fine. */
    void remove(String containerId);

    /** The last {@code count} lines the container wrote to stdout and stderr. */
    List<String> lastLogLines(String containerId, int count);

    /** Gives a container that came up the restart policy {@code unless-stopped}, so it survives crashes and reboots. */
    void restartUnlessStopped(String containerId);
}
