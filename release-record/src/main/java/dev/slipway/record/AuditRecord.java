package dev.slipway.record;

import java.util.List;

/**
 * The deployment record of one release, rebuilt from its events: what was asked, what each stage did to each
 * service, every failure with the stage it came from, the checks, the verdict and the stage timings. Only
 * values read from validated events; nothing about the moment it was rebuilt.
 */
public record AuditRecord(String releaseId, Request request, List<ServiceRecord> services, List<Failure> failures,
        List<Check> checks, Outcome outcome, List<StageTime> timings, Long totalMillis) {

    /** What was asked: absent when the BuildRequested was not among the events. */
    public record Request(String release, String version, List<String> services, String commit, boolean dirty,
            boolean workingTree, boolean replaceVersion, String requestedAt) {}

    /** Everything the stages reported for one service, each list in time order (one entry unless a stage redid it differently). */
    public record ServiceRecord(String name, List<Build> builds, List<Distribution> distributions, List<Rollout> rollouts) {}

    public record Build(String outcome, String image, String imageId, Long sizeBytes, Integer layers, long buildMillis,
            String error, String at) {}

    public record Distribution(String outcome, List<NodeDelivery> nodes, RegistryPush registry, String error, String at) {}

    public record NodeDelivery(String node, String result, long bytes, long durationMillis, String error) {}

    public record RegistryPush(String registry, String ref, String manifestDigest, String result, long bytes,
            long durationMillis, String error) {}

    public record Rollout(String outcome, String newImage, List<WorkloadChange> workloads, String diagnosis,
            long durationMillis, String at) {}

    /**
     * {@code previousImage}: what the node's container or the workload ran before the release changed it (an image
     * reference, or an image id on Docker); null when nothing ran before, when it already ran the release's image, or
     * when the rollout-done event predates the field.
     */
    public record WorkloadChange(String node, String target, String previousImage, String newImage, String outcome,
            String diagnosis) {}

    /** A failure where it started: {@code stage} is build, distribute, rollout or verify. */
    public record Failure(String stage, String service, String node, String check, String outcome, String diagnosis) {}

    public record Check(String name, String kind, String expected, String observed, boolean passed) {}

    /**
     * The verdict, or while there is none the last stage reached ({@code state} is PASSED, FAILED or
     * {@code IN_PROGRESS}; {@code lastStage} the channel of the furthest stage with an event).
     */
    public record Outcome(String state, String lastStage, String diagnosis, String verifiedAt) {
        public boolean finished() {
            return !"IN_PROGRESS".equals(state);
        }
    }

    /** How long a stage took on the critical path, from event times (as slipway watch shows them). */
    public record StageTime(String stage, long millis) {}
}
