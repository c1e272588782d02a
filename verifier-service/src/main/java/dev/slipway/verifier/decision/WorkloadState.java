package dev.slipway.verifier.decision;

import dev.slipway.events.names.KubeName;
import dev.slipway.kubernetes.RolloutStatus;
import dev.slipway.kubernetes.observed.ObservedObjects;
import dev.slipway.kubernetes.observed.ObservedWorkload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Deployment or StatefulSet as the checks see it: desired and ready replicas, what {@code kubectl
 * rollout status} still waits for, its pod template, pod selector and the PersistentVolumeClaims its pods use.
 */
public record WorkloadState(int desired, int ready, Optional<String> pending, PodTemplateSpec template,
        LabelSelector selector, List<String> claims) {
    public WorkloadState {
        claims = List.copyOf(claims);
    }

    public static WorkloadState of(Deployment deployment) {
        int ready = deployment.getStatus() == null ? 0 : count(deployment.getStatus().getReadyReplicas());
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        return new WorkloadState(desired(deployment.getSpec().getReplicas()), ready,
                RolloutStatus.pending(ObservedObjects.read(deployment, ObservedWorkload.class)), template, deployment.getSpec().getSelector(),
                List.copyOf(podVolumeClaims(template)));
    }

    /**
     * A StatefulSet's claims: {@code <template>-<statefulset>-<ordinal>} for each volumeClaimTemplate and
     * replica (ordinals from {@code spec.ordinals.start}, default 0), then the claims its pod template names.
     */
    public static WorkloadState of(StatefulSet statefulSet) {
        int ready = statefulSet.getStatus() == null ? 0 : count(statefulSet.getStatus().getReadyReplicas());
        int desired = desired(statefulSet.getSpec().getReplicas());
        int start = statefulSet.getSpec().getOrdinals() == null || statefulSet.getSpec().getOrdinals().getStart() == null
                ? 0 : statefulSet.getSpec().getOrdinals().getStart();
        Set<String> claims = new LinkedHashSet<>();
        List<PersistentVolumeClaim> templates = statefulSet.getSpec().getVolumeClaimTemplates() == null ? List.of()
                : statefulSet.getSpec().getVolumeClaimTemplates();
        for (PersistentVolumeClaim claimTemplate : templates) {
            for (int ordinal = start; ordinal < start + desired; ordinal++) {
                claims.add(claimTemplate.getMetadata().getName() + "-" + statefulSet.getMetadata().getName() + "-" + ordinal);
            }
        }
        claims.addAll(podVolumeClaims(statefulSet.getSpec().getTemplate()));
        return new WorkloadState(desired, ready, RolloutStatus.pending(ObservedObjects.read(statefulSet, ObservedWorkload.class)), statefulSet.getSpec().getTemplate(),
                statefulSet.getSpec().getSelector(), new ArrayList<>(claims));
    }

    private static int desired(Integer replicas) {
        return replicas == null ? 1 : replicas;
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    /** The named container of the pod template, if it has one. */
    public Optional<Container> container(KubeName name) {
        return containers().stream().filter(c -> name.value().equals(c.getName())).findFirst();
    }

    public List<String> containerNames() {
        return containers().stream().map(Container::getName).toList();
    }

    private List<Container> containers() {
        PodSpec spec = template == null ? null : template.getSpec();
        return spec == null || spec.getContainers() == null ? List.of() : spec.getContainers();
    }

    private static Set<String> podVolumeClaims(PodTemplateSpec template) {
        Set<String> claims = new LinkedHashSet<>();
        if (template != null && template.getSpec() != null && template.getSpec().getVolumes() != null) {
            for (Volume volume : template.getSpec().getVolumes()) {
                if (volume.getPersistentVolumeClaim() != null) {
                    claims.add(volume.getPersistentVolumeClaim().getClaimName());
                }
            }
        }
        return claims;
    }
}
