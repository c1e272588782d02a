package dev.slipway.rollout.metrics;

import dev.slipway.events.NodeRollout;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reason label of a failed or rolled back rollout: the failure kinds the rollout diagnoses
 * ({@code Diagnoses}, {@code KubernetesDiagnoses}, {@code PodFailures}), folded into a small fixed set.
 * Read from the diagnosis of the first node that failed (the others are rolled back or not attempted
 * because of it), or the service's diagnosis when no node has one. Rules are tried in order; the texts
 * matched are the ones those classes write.
 */
public enum RolloutFailureReason {
    /** The image is not on the node or cannot be pulled: ErrImageNeverPull, ErrImagePull, ImagePullBackOff, InvalidImageName. */
    IMAGE_MISSING("errimageneverpull", "errimagepull", "imagepullbackoff", "invalidimagename", "is not on the node",
            "the image did not reach this node", "could not pull"),
    /** The container exits or restarts: CrashLoopBackOff, exited with a code, OOM-killed, restarted while starting. */
    CRASH("crashloopbackoff", "exited with code", "killed for lack of memory", "time(s) while starting"),
    /** The container runs but its health check fails. */
    UNHEALTHY("is unhealthy"),
    /** Pods cannot be scheduled: a missing or unbound claim, no room. */
    UNSCHEDULABLE("unschedulable", "persistentvolumeclaim", "claim(s)", "nodes are available"),
    /** The pod's configuration is broken (a missing Secret or ConfigMap). */
    CONFIG("createcontainerconfigerror"),
    /** Did not become ready in time: the start timeout, ProgressDeadlineExceeded. */
    TIMEOUT("did not come up within", "did not finish rolling out", "progressdeadlineexceeded"),
    /** The runtime failed: the Docker engine, the Kubernetes API, a container that could not be created. */
    RUNTIME_ERROR("docker engine", "could not be created or started", "runtime target failed", "api server",
            "the kubernetes api"),
    /** Nothing to roll out on: no nodes, no runtime for the service, the workload missing. */
    NO_TARGET("no nodes configured", "no runtime", "does not exist", "was deleted", "has no container"),
    /** Anything else (an unexpected error of the rollout itself). */
    OTHER();

    private final List<String> phrases;

    RolloutFailureReason(String... phrases) {
        this.phrases = List.of(phrases);
    }

    /** The label value: {@code image_missing}, {@code crash}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason of a rollout that did not roll out (FAILED or ROLLED_BACK); empty for any other outcome. */
    public static Optional<RolloutFailureReason> of(RolloutDone done) {
        if (done.outcome() != RolloutOutcome.FAILED && done.outcome() != RolloutOutcome.ROLLED_BACK) {
            return Optional.empty();
        }
        String diagnosis = done.nodes().stream().filter(n -> n.outcome() == RolloutOutcome.FAILED && n.diagnosis() != null)
                .map(NodeRollout::diagnosis).findFirst()
                .or(() -> done.nodes().stream().filter(n -> n.outcome() == RolloutOutcome.ROLLED_BACK && n.diagnosis() != null)
                        .map(NodeRollout::diagnosis).findFirst())
                .orElse(done.diagnosis());
        return Optional.of(ofDiagnosis(diagnosis));
    }

    /** The reason a diagnosis text names. */
    public static RolloutFailureReason ofDiagnosis(String diagnosis) {
        if (diagnosis == null) {
            return OTHER;
        }
        String text = diagnosis.toLowerCase(Locale.ROOT);
        for (RolloutFailureReason reason : values()) {
            if (reason.phrases.stream().anyMatch(text::contains)) {
                return reason;
            }
        }
        return OTHER;
    }
}
