package dev.slipway.rollout.decision;

import dev.slipway.events.names.KubeName;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.events.plan.WorkloadKind;

/** A Kubernetes workload by kind, namespace and name, e.g. {@code Deployment backend-mainnet/svc-tax}. */
public record WorkloadRef(WorkloadKind kind, KubeName namespace, KubeName name) {
    public static WorkloadRef of(KubernetesRuntime runtime) {
        return new WorkloadRef(runtime.kind(), runtime.namespace(), runtime.name());
    }

    @Override
    public String toString() {
        return kind.kubernetesKind() + " " + namespace + "/" + name;
    }

    /** How kubectl names it, e.g. {@code deployment/svc-tax}. */
    public String kubectlName() {
        return (kind == WorkloadKind.DEPLOYMENT ? "deployment/" : "statefulset/") + name;
    }
}
