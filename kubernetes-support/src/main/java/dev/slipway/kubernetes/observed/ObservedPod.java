package dev.slipway.kubernetes.observed;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Optional;

/**
 * A pod as the rollout and the verifier read it: where it runs, its containers' images, its claims, its phase and
 * conditions, and each container's state, restarts and image.
 */
public record ObservedPod(ObjectMeta metadata, Spec spec, Status status) {
    public record Spec(String nodeName, List<Container> containers, List<Volume> volumes) {}

    /** A container of the pod's spec: its name and image. */
    public record Container(String name, String image) {}

    public record Volume(String name, ClaimSource persistentVolumeClaim) {}

    public record ClaimSource(String claimName) {}

    public record Status(String phase, List<Condition> conditions, List<ContainerStatus> initContainerStatuses,
            List<ContainerStatus> containerStatuses) {}

    public record ContainerStatus(String name, String image, String imageID, Boolean ready, Integer restartCount,
            ContainerState state, ContainerState lastState) {
        public int restarts() {
            return restartCount == null ? 0 : restartCount;
        }
    }

    /** One of waiting, running or terminated is set. */
    public record ContainerState(Waiting waiting, Running running, Terminated terminated) {}

    public record Waiting(String reason, String message) {}

    public record Running(String startedAt) {}

    public record Terminated(Integer exitCode, String reason, String message) {}

    public String name() {
        return metadata == null ? null : metadata.getName();
    }

    /** The node it is scheduled on; null while unscheduled. */
    public String nodeName() {
        return spec == null ? null : spec.nodeName();
    }

    public String phase() {
        return status == null ? null : status.phase();
    }

    public List<Condition> conditions() {
        return status == null || status.conditions() == null ? List.of() : status.conditions();
    }

    public Optional<Condition> condition(String type) {
        return conditions().stream().filter(c -> type.equals(c.type())).findFirst();
    }

    /** The containers of its spec (not the init containers). */
    public List<Container> containers() {
        return spec == null || spec.containers() == null ? List.of() : spec.containers();
    }

    /** Being deleted (its deletionTimestamp is set). */
    public boolean terminating() {
        return metadata != null && metadata.getDeletionTimestamp() != null;
    }

    /** The containers' statuses (not the init containers'). */
    public List<ContainerStatus> containerStatuses() {
        return status == null || status.containerStatuses() == null ? List.of() : status.containerStatuses();
    }

    public List<ContainerStatus> initContainerStatuses() {
        return status == null || status.initContainerStatuses() == null ? List.of() : status.initContainerStatuses();
    }

    /** The claims its volumes name, in order. */
    public List<String> claimNames() {
        return spec == null || spec.volumes() == null ? List.of() : spec.volumes().stream()
                .map(Volume::persistentVolumeClaim).filter(c -> c != null && c.claimName() != null)
                .map(ClaimSource::claimName).toList();
    }

    /** Running, with its Ready condition True. */
    public boolean runningAndReady() {
        return "Running".equals(phase()) && conditions().stream().anyMatch(c -> c.is("Ready", "True"));
    }
}
