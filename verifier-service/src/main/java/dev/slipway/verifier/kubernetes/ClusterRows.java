package dev.slipway.verifier.kubernetes;

import dev.slipway.events.CheckResult;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.kubernetes.ApiRefusals;
import dev.slipway.kubernetes.ClusterConfigException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/** Turns a cluster that cannot be reached or refuses a read into the check's failed row, with what to do. */
final class ClusterRows {
    private ClusterRows() {}

    static CheckResult guarded(CheckSpec spec, String expected, Supplier<CheckResult> check) {
        try {
            return check.get();
        } catch (ClusterConfigException e) {
            return failed(spec, expected, e.getMessage());
        } catch (KubernetesClientException e) {
            return failed(spec, expected, describe(e));
        }
    }

    static CheckResult failed(CheckSpec spec, String expected, String observed) {
        return new CheckResult(spec.name(), spec.kind(), expected, observed, false);
    }

    static String describe(KubernetesClientException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().replaceAll("\\s+", " ").strip();
        java.util.Optional<String> refused = ApiRefusals.explain(e, ApiRefusals.Grants.VERIFIER);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (e.getCode() <= 0 && e.getCause() != null) {
            Throwable cause = e.getCause();
            return "the Kubernetes API could not be reached: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage())
                    + "; check that the cluster runs and that the verifier's kubeconfig (slipway.kubernetes.kubeconfig) "
                    + "or service account points at it";
        }
        return "the Kubernetes API could not be read" + (e.getCode() > 0 ? " (" + e.getCode() + ")" : "") + ": " + message;
    }
}
