package dev.slipway.verifier.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.names.KubeName;
import dev.slipway.kubernetes.RolloutStatus;
import dev.slipway.kubernetes.observed.ObservedWorkload;
import dev.slipway.kubernetes.observed.ObservedWorkload.ClaimTemplate;
import dev.slipway.kubernetes.observed.ObservedWorkload.TemplateContainer;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Deployment or StatefulSet as the checks see it: desired and ready replicas, what {@code kubectl
 * rollout status} still waits for, its pod template, pod selector and the PersistentVolumeClaims its pods use.
 */
public record WorkloadState(int desired, int ready, Optional<String> pending, ObjectNode template,
        LabelSelector selector, List<String> claims) {
    public WorkloadState {
        claims = List.copyOf(claims);
    }

    /**
     * A StatefulSet's claims are {@code <template>-<statefulset>-<ordinal>} for each volumeClaimTemplate and
     * replica (ordinals from {@code spec.ordinals.start}, default 0), then the claims its pod template names; a
     * Deployment's, those its pod template names.
     */
    public static WorkloadState of(ObservedWorkload workload) {
        ObservedWorkload.Spec spec = workload.spec();
        int ready = workload.status() == null ? 0 : count(workload.status().readyReplicas());
        int desired = spec == null || spec.replicas() == null ? 1 : spec.replicas();
        Set<String> claims = new LinkedHashSet<>();
        if (workload.isStatefulSet() && spec != null && spec.volumeClaimTemplates() != null) {
            int start = spec.ordinals() == null || spec.ordinals().start() == null ? 0 : spec.ordinals().start();
            for (ClaimTemplate claimTemplate : spec.volumeClaimTemplates()) {
                for (int ordinal = start; ordinal < start + desired; ordinal++) {
                    claims.add(claimTemplate.metadata().getName() + "-" + workload.metadata().getName() + "-" + ordinal);
                }
            }
        }
        ObjectNode template = spec == null ? null : spec.template();
        claims.addAll(ObservedWorkload.claimsOf(template));
        return new WorkloadState(desired, ready, RolloutStatus.pending(workload), template,
                spec == null ? null : spec.selector(), new ArrayList<>(claims));
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    /** The named container of the pod template, if it has one. */
    public Optional<TemplateContainer> container(KubeName name) {
        return containers().stream().filter(c -> name.value().equals(c.name())).findFirst();
    }

    public List<String> containerNames() {
        return containers().stream().map(TemplateContainer::name).toList();
    }

    private List<TemplateContainer> containers() {
        return ObservedWorkload.containersOf(template);
    }
}
