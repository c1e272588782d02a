package dev.slipway.cli.plan;

import dev.slipway.events.names.KubeName;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.ContainerCheck;
import dev.slipway.events.plan.HttpCheck;
import dev.slipway.events.plan.NodesReadyCheck;
import dev.slipway.events.plan.PodsRunningCheck;
import dev.slipway.events.plan.PvcsBoundCheck;
import dev.slipway.events.plan.WorkloadCheck;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code checks} list of slipway.yaml: each check has a name and exactly one kind
 * ({@link CheckSpec#KINDS}); checks that name a service must name one of the plan, and the
 * Kubernetes ones a service that runs on Kubernetes.
 */
final class CheckParser {
    private static final List<String> HTTP_FIELDS = List.of("url", "expectStatus", "bodyContains", "timeoutSeconds");
    private static final List<String> SERVICE_FIELDS = List.of("service");
    private static final List<String> NODES_FIELDS = List.of("nodes");
    private static final List<String> PODS_FIELDS = List.of("namespace", "selector", "minCount");

    private final PlanErrors errors;
    private final FieldReader fields;
    /** The plan's services as written, each mapped to whether it runs on Kubernetes. */
    private final Map<String, Boolean> services;

    CheckParser(PlanErrors errors, FieldReader fields, Map<String, Boolean> services) {
        this.errors = errors;
        this.fields = fields;
        this.services = services;
    }

    List<CheckSpec> checks(YamlField field) {
        List<CheckSpec> checks = new ArrayList<>();
        if (!field.present()) {
            return checks;
        }
        if (!field.isList()) {
            errors.add(field, "expected a list of checks, each with a name and one of: " + String.join(", ", CheckSpec.KINDS)
                    + "; found " + field.describe());
            return checks;
        }
        List<String> allowed = new ArrayList<>(List.of("name"));
        allowed.addAll(CheckSpec.KINDS);
        for (YamlField item : field.items()) {
            if (!fields.mapping(item, allowed, false)) {
                continue;
            }
            String name = fields.text(item.child("name"), "a check name such as 'api answers 401'", true);
            List<String> kinds = CheckSpec.KINDS.stream().filter(kind -> item.child(kind).present()).toList();
            if (kinds.size() != 1) {
                errors.add(item, "expected exactly one of: " + String.join(", ", CheckSpec.KINDS) + "; found "
                        + (kinds.isEmpty() ? "none" : String.join(", ", kinds)));
                continue;
            }
            Object kind = kind(kinds.get(0), item.child(kinds.get(0)));
            if (name != null && kind != null) {
                checks.add(CheckSpec.of(name, kind));
            }
        }
        return checks;
    }

    private Object kind(String kind, YamlField field) {
        return switch (kind) {
            case "http" -> http(field);
            case "container" -> withService(field, false, ContainerCheck::new);
            case "nodesReady" -> nodesReady(field);
            case "workload" -> withService(field, true, WorkloadCheck::new);
            case "podsRunning" -> podsRunning(field);
            case "pvcsBound" -> withService(field, true, PvcsBoundCheck::new);
            default -> throw new IllegalStateException("unhandled check kind " + kind);
        };
    }

    private HttpCheck http(YamlField field) {
        if (!fields.mapping(field, HTTP_FIELDS, false)) {
            return null;
        }
        int before = errors.count();
        URI url = url(field.child("url"));
        List<Integer> statuses = statuses(field.child("expectStatus"));
        String body = fields.text(field.child("bodyContains"), "a text the response body must contain", false);
        Integer timeout = fields.integer(field.child("timeoutSeconds"), 1, 3600, "a number of seconds (1-3600)");
        if (errors.count() != before) {
            return null;
        }
        return new HttpCheck(url, statuses, body, timeout == null ? 0 : timeout);
    }

    private URI url(YamlField field) {
        String text = fields.text(field, "an http:// or https:// URL", true);
        if (text == null) {
            return null;
        }
        try {
            URI url = new URI(text);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below with what was expected
        }
        errors.add(field, "url '" + text + "' is not valid: expected an http:// or https:// URL with a host");
        return null;
    }

    private List<Integer> statuses(YamlField field) {
        if (!field.present()) {
            return List.of();
        }
        if (!field.isList() || field.node().isEmpty()) {
            errors.add(field, "expected a list of HTTP statuses such as [401], found " + field.describe());
            return null;
        }
        List<Integer> statuses = new ArrayList<>();
        for (YamlField item : field.items()) {
            Integer status = fields.integer(item, 100, 599, "an HTTP status between 100 and 599");
            if (status != null) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    private <T> T withService(YamlField field, boolean kubernetes, java.util.function.Function<ServiceName, T> check) {
        if (!fields.mapping(field, SERVICE_FIELDS, false)) {
            return null;
        }
        ServiceName service = fields.name(field.child("service"), "the name of a service of this plan", ServiceName::of);
        if (service == null) {
            return null;
        }
        Boolean onKubernetes = services.get(service.value());
        if (onKubernetes == null) {
            errors.add(field.child("service"), "service '" + service + "' is not in this plan: expected one of "
                    + String.join(", ", services.keySet()));
            return null;
        }
        if (kubernetes != onKubernetes) {
            errors.add(field.child("service"), "service '" + service + "' has no " + (kubernetes ? "kubernetes" : "docker")
                    + " runtime: expected a service that runs " + (kubernetes ? "on Kubernetes" : "as a Docker container"));
            return null;
        }
        return check.apply(service);
    }

    private NodesReadyCheck nodesReady(YamlField field) {
        if (field.isScalar() && field.node().isNull() || field.isMapping() && field.keys().isEmpty()) {
            return new NodesReadyCheck(List.of());
        }
        if (!fields.mapping(field, NODES_FIELDS, false)) {
            return null;
        }
        YamlField list = field.child("nodes");
        if (!list.present()) {
            return new NodesReadyCheck(List.of());
        }
        if (!list.isList()) {
            errors.add(list, "expected a list of node names such as [vps-1, vps-2], found " + list.describe());
            return null;
        }
        int before = errors.count();
        List<NodeName> nodes = new ArrayList<>();
        for (YamlField item : list.items()) {
            NodeName node = fields.name(item, "a node name such as 'vps-1'", NodeName::of);
            if (node != null) {
                nodes.add(node);
            }
        }
        return errors.count() == before ? new NodesReadyCheck(nodes) : null;
    }

    private PodsRunningCheck podsRunning(YamlField field) {
        if (!fields.mapping(field, PODS_FIELDS, true)) {
            return null;
        }
        int before = errors.count();
        KubeName namespace = fields.name(field.child("namespace"), "a namespace such as 'fabric'", KubeName::of);
        String selector = fields.text(field.child("selector"), "a label selector such as 'app=peer'", true);
        Integer minCount = fields.integer(field.child("minCount"), 1, 100_000, "a number of pods (1-100000)");
        if (errors.count() != before) {
            return null;
        }
        try {
            return new PodsRunningCheck(namespace, selector, minCount == null ? 1 : minCount);
        } catch (IllegalArgumentException e) {
            errors.add(field.child("selector"), e.getMessage());
            return null;
        }
    }
}
