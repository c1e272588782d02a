package dev.slipway.rollout.decision;

import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.RegistryResult;
import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.ServiceName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every diagnosis text of the {@code kubernetes} target. Each starts with
 * {@code service <service>: <Kind> <namespace>/<name>}, names the pod, node, container, reason and
 * message, the crashed container's last log lines, and what image-distributed said about that node.
 */
public final class KubernetesDiagnoses {
    private KubernetesDiagnoses() {}

    private static String where(ServiceName service, WorkloadRef workload) {
        return "service " + service + ": " + workload;
    }

    /**
     * e.g. {@code service svc-tax: Deployment backend-mainnet/svc-tax did not roll out to gx-protocol/svc-tax:2.1.0:
     * pod svc-tax-7d9f-x2 on node vps-4, container svc-tax: ErrImageNeverPull: <message>; node vps-4 has no IMPORTED result …}.
     */
    public static String failure(ServiceName service, WorkloadRef workload, ImageRef image, RolloutFailure failure,
            Optional<NodeResult> distributed, List<String> logLines) {
        return failure(service, workload, image, failure, distributed, Optional.empty(), logLines);
    }

    /**
     * As above; when the image came from a registry ({@code registry} present), an image failure names the
     * registry and the reference instead of the node's import result, e.g. {@code ... ErrImagePull: ...; node vps-4
     * could not pull 10.0.0.9:5000/gx-protocol/svc-tax:2.1.0 from the registry 10.0.0.9:5000 ...}.
     */
    public static String failure(ServiceName service, WorkloadRef workload, ImageRef image, RolloutFailure failure,
            Optional<NodeResult> distributed, Optional<RegistryResult> registry, List<String> logLines) {
        return failure(service, workload, image, failure, distributed, registry, LogTail.of(logLines));
    }

    /** As above, with the log as it could be read (or why it could not). */
    public static String failure(ServiceName service, WorkloadRef workload, ImageRef image, RolloutFailure failure,
            Optional<NodeResult> distributed, Optional<RegistryResult> registry, LogTail log) {
        StringBuilder text = new StringBuilder(where(service, workload)).append(" did not roll out to ").append(image).append(": ");
        appendCause(text, workload, failure, log);
        if (registry.isPresent()) {
            if (failure.imageProblem()) {
                text.append("; ").append(registryPull(failure.node(), registry.get()));
            }
        } else if (failure.node() != null) {
            text.append("; ").append(distribution(failure.node(), image, distributed, failure.imageProblem()));
        }
        return text.toString();
    }

    /**
     * The workload was failing before the release, in a way no new image can cure, so the release left it alone,
     * e.g. {@code service ledger: StatefulSet shop/ledger was already failing before this release, so shop/ledger:1.0.1
     * was not rolled out to it: pod ledger-1 (not scheduled on any node): Unschedulable: ... persistentvolumeclaim
     * "ledger-archive" not found; claim(s) ledger-archive: check ...; a new image cannot cure this: ...}.
     */
    public static String alreadyFailing(ServiceName service, WorkloadRef workload, ImageRef image, RolloutFailure failure) {
        StringBuilder text = new StringBuilder(where(service, workload))
                .append(" was already failing before this release, so ").append(image).append(" was not rolled out to it: ");
        appendCause(text, workload, failure, LogTail.of(List.of()));
        text.append("; a new image cannot cure this, and ").append(workload.kind() == dev.slipway.events.plan.WorkloadKind.STATEFUL_SET
                ? "its controller would not replace the stuck pod anyway (OrderedReady)" : "its pods would fail the same way")
                .append(": fix the workload (").append(cure(failure)).append("), then release again; ")
                .append(workload).append(" was left as it was");
        return text.toString();
    }

    private static String cure(RolloutFailure failure) {
        if (!failure.claims().isEmpty()) {
            return "create or bind the claim(s) " + String.join(", ", failure.claims()) + ", or correct the template";
        }
        if ("Unschedulable".equals(failure.reason())) {
            return "make room for its pods, or correct the template";
        }
        return "correct what the message names";
    }

    /** {@code pod P on node N, container C: Reason: message; claim(s) ...; last log lines ...}. */
    private static void appendCause(StringBuilder text, WorkloadRef workload, RolloutFailure failure, LogTail log) {
        if (failure.pod() == null) {
            text.append(failure.reason());
        } else {
            text.append("pod ").append(failure.pod())
                    .append(failure.node() == null ? " (not scheduled on any node)" : " on node " + failure.node());
            if (failure.container() != null) {
                text.append(", container ").append(failure.container());
            }
            text.append(": ").append(failure.reason());
        }
        String message = Diagnoses.oneLineOf(failure.message());
        if (!message.isEmpty()) {
            text.append(": ").append(message);
        }
        if (!failure.claims().isEmpty()) {
            text.append("; claim(s) ").append(String.join(", ", failure.claims()))
                    .append(": check kubectl -n ").append(workload.namespace()).append(" get pvc ")
                    .append(String.join(" ", failure.claims()));
        }
        if (failure.logExplains()) {
            text.append("; ").append(log.text(failure.previousLog()));
        }
    }

    /** Why a node may fail to pull what image-distributed put in the registry. */
    static String registryPull(String node, RegistryResult registry) {
        return (node == null ? "the kubelet" : "node " + node) + " could not pull " + registry.ref() + " from the registry "
                + registry.registry() + ", where image-distributed reported it " + registry.outcome()
                + (registry.manifestDigest() == null ? "" : " (manifest " + registry.manifestDigest() + ")")
                + ": check that the node reaches " + registry.registry() + " and may pull from it (the workload's "
                + "imagePullSecrets, or the node's registries.yaml for a plain-HTTP or private registry)";
    }

    /** What image-distributed said about the failing pod's node. */
    static String distribution(String node, ImageRef image, Optional<NodeResult> distributed, boolean imageProblem) {
        if (distributed.isEmpty()) {
            return "node " + node + " has no IMPORTED result for " + image + " in image-distributed"
                    + (imageProblem ? "; add the node to the distributor's slipway.nodes" : "");
        }
        NodeResult result = distributed.get();
        if (result.outcome() == NodeOutcome.FAILED) {
            return "import FAILED on " + node + ": " + Diagnoses.oneLineOf(result.error());
        }
        return "image-distributed reported " + result.outcome() + " for " + image + " on node " + node
                + (imageProblem ? ", yet the kubelet does not find it: check that the image is in containerd's k8s.io namespace on that node" : "");
    }

    public static String timedOut(ServiceName service, WorkloadRef workload, ImageRef image, Duration waited, String status) {
        return timedOut(service, workload, image, waited, status, List.of());
    }

    /**
     * As above, naming the pods of the new revision still not ready and why (at most 3), e.g. {@code ...; waiting: pod
     * api-7d9f (not scheduled: 0/4 nodes are available: 4 node(s) didn't have free ports for the requested pod ports.)}:
     * a port another workload holds looks, to the scheduler, like one the old revision has not freed yet.
     */
    public static String timedOut(ServiceName service, WorkloadRef workload, ImageRef image, Duration waited, String status,
            List<String> waiting) {
        return where(service, workload) + " did not finish rolling out to " + image + " within " + Diagnoses.seconds(waited)
                + " (" + status + "); no pod of the new revision failed"
                + (waiting.isEmpty() ? "" : "; waiting: pod " + String.join(", pod ", waiting.subList(0, Math.min(3, waiting.size())))
                        + (waiting.size() > 3 ? " and " + (waiting.size() - 3) + " more" : ""))
                + "; raise rollout.timeoutSeconds in slipway.yaml if it needs longer";
    }

    public static String deleted(ServiceName service, WorkloadRef workload) {
        return where(service, workload) + " was deleted while rolling out";
    }

    public static String notFound(ServiceName service, WorkloadRef workload) {
        return where(service, workload) + " does not exist; create it in the cluster (slipway sets only its image)";
    }

    public static String noContainer(ServiceName service, WorkloadRef workload, String container, List<String> containers) {
        return where(service, workload) + " has no container " + container + " (it has " + String.join(", ", containers)
                + "); fix kubernetes.container in slipway.yaml";
    }

    /**
     * The workload's Lease stayed with another replica's release for the whole wait: nothing was changed, e.g.
     * {@code service api: Deployment shop/api was not rolled out: it is held by slipway-rollout-1/shop-2.1.0-0a1b2c3d
     * (Lease shop/slipway-deployment-api, renewed at …, for 300 s, until …), still after waiting 300.0 s; …}.
     */
    public static String leaseHeld(ServiceName service, WorkloadRef workload, LeaseTerms terms, LeaseState held,
            Duration waited) {
        String lease = "kubectl -n " + terms.namespace() + " get lease " + terms.name() + " -o yaml";
        return where(service, workload) + " was not rolled out: it is held by " + held.holder() + " (Lease " + terms.namespace()
                + "/" + terms.name() + ", renewed at " + held.renewedAt() + ", for "
                + (held.duration() == null ? "?" : held.duration().toSeconds()) + " s, until "
                + held.expiresAt().map(Object::toString).orElse("?") + "), still after waiting " + Diagnoses.seconds(waited)
                + "; nothing was changed. That is another rollout replica rolling out another release of the same workload: "
                + "see " + lease + "; release again once it is done, or, if that replica is gone, once the lease has expired "
                + "(or after kubectl -n " + terms.namespace() + " delete lease " + terms.name() + ")";
    }

    public static String apiFailed(ServiceName service, WorkloadRef workload, String what, String error) {
        return where(service, workload) + ": " + what + " failed: " + Diagnoses.oneLineOf(error);
    }

    public static String rolledBack(String failure, WorkloadRef workload, String revision, String image) {
        return failure + "; rolled back: " + workload + " is back at " + revision + " (" + image + ") and rolled out";
    }

    public static String rollbackFailed(String failure, String why) {
        return failure + "; rollback failed: " + Diagnoses.oneLineOf(why);
    }

    public static String noPreviousRevision(String failure, WorkloadRef workload) {
        return failure + "; rollback impossible: " + workload + " has no previous revision to go back to";
    }

    public static String leftForInspection(String failure, WorkloadRef workload, RolloutFailure cause) {
        String inspect = cause.pod() == null ? "kubectl -n " + workload.namespace() + " describe " + workload.kubectlName()
                : "kubectl -n " + workload.namespace() + " describe pod " + cause.pod();
        return failure + "; left as it is for inspection (" + inspect + "); to go back: kubectl -n " + workload.namespace()
                + " rollout undo " + workload.kubectlName();
    }

    /** The images of a template's containers, for the rollback text. */
    public static String images(List<String> images) {
        return images.stream().distinct().collect(Collectors.joining(", "));
    }
}
