package dev.slipway.cli.plan;

import dev.slipway.events.names.KubeName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.events.plan.PullPolicy;
import dev.slipway.events.plan.WorkloadKind;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a service's {@code kubernetes} section: the workload it maps to. {@code name} and
 * {@code container} default to the service's name, {@code kind} to Deployment and
 * {@code imagePullPolicy} to Never (images imported on every node, no registry).
 */
final class KubernetesRuntimeParser {
    private static final List<String> FIELDS = List.of("namespace", "kind", "name", "container", "imagePullPolicy");

    private final PlanErrors errors;
    private final FieldReader fields;

    KubernetesRuntimeParser(PlanErrors errors, FieldReader fields) {
        this.errors = errors;
        this.fields = fields;
    }

    KubernetesRuntime runtime(YamlField field, ServiceName service) {
        if (!fields.mapping(field, FIELDS, true)) {
            return null;
        }
        int before = errors.count();
        KubeName namespace = fields.name(field.child("namespace"), "a namespace such as 'backend-mainnet'", KubeName::of);
        WorkloadKind kind = choice(field.child("kind"), WorkloadKind.values(), WorkloadKind.DEPLOYMENT,
                WorkloadKind::kubernetesKind);
        KubeName name = orService(field.child("name"), "a workload name such as 'svc-tax'", service);
        KubeName container = orService(field.child("container"), "the container's name in the pod template", service);
        PullPolicy pullPolicy = choice(field.child("imagePullPolicy"), PullPolicy.values(), PullPolicy.NEVER,
                PullPolicy::kubernetesValue);
        if (errors.count() != before || name == null || container == null) {
            return null; // the service name's own problem is already reported
        }
        return new KubernetesRuntime(namespace, kind, name, container, pullPolicy);
    }

    private KubeName orService(YamlField field, String expected, ServiceName service) {
        if (!field.present()) {
            return service == null ? null : KubeName.of(service.value());
        }
        return fields.name(field, expected, KubeName::of);
    }

    private <E> E choice(YamlField field, E[] values, E fallback, java.util.function.Function<E, String> spelling) {
        if (!field.present()) {
            return fallback;
        }
        String text = field.isScalar() ? field.node().asText() : null;
        for (E value : values) {
            if (spelling.apply(value).equals(text)) {
                return value;
            }
        }
        errors.add(field, "expected one of " + String.join(", ", Arrays.stream(values).map(spelling).toList()) + ", found "
                + field.describe());
        return null;
    }
}
