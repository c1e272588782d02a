package dev.slipway.cli.plan;

import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageRepository;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.BuildSpec;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.DistributionPolicy;
import dev.slipway.events.plan.DockerRuntime;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.events.plan.NodeFailurePolicy;
import dev.slipway.events.plan.PortBinding;
import dev.slipway.events.plan.ReleasePlan;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the YAML tree of slipway.yaml into a {@link ReleasePlan}, checking every field and collecting
 * every problem with its path instead of stopping at the first one.
 */
final class PlanParser {
    private static final List<String> TOP_FIELDS = List.of("release", "services", "rollout", "distribution", "checks");
    private static final List<String> SERVICE_FIELDS = List.of("name", "build", "image", "docker", "kubernetes");
    private static final List<String> BUILD_FIELDS = List.of("context", "dockerfile", "args");
    private static final List<String> DOCKER_FIELDS = List.of("container", "ports", "env", "labels");
    private static final List<String> ROLLOUT_FIELDS = List.of("rollbackOnFailure", "timeoutSeconds");
    private static final List<String> DISTRIBUTION_FIELDS = List.of("onNodeFailure");
    private static final Pattern PORT = Pattern.compile("(?:(\\d{1,3}(?:\\.\\d{1,3}){3}):)?(\\d{1,5}):(\\d{1,5})");

    private final PlanErrors errors;
    private final FieldReader fields;
    private final Optional<SourceTree> source;

    PlanParser(PlanErrors errors, Optional<SourceTree> source) {
        this.errors = errors;
        this.fields = new FieldReader(errors);
        this.source = source;
    }

    /** The plan, or null when any field is wrong (the problems are in the errors). */
    ReleasePlan parse(YamlField top) {
        if (!top.isMapping()) {
            errors.addFileProblem("expected a mapping with fields " + String.join(", ", TOP_FIELDS) + ", found "
                    + top.describe());
            return null;
        }
        fields.knownFields(top, TOP_FIELDS);
        ReleaseName release = fields.name(top.child("release"), "a release name such as 'shop'", ReleaseName::of);
        List<ServicePlan> services = services(top.child("services"));
        RolloutPolicy rollout = rollout(top.child("rollout"));
        DistributionPolicy distribution = distribution(top.child("distribution"));
        List<CheckSpec> checks = new CheckParser(errors, fields, declaredServices(top.child("services")))
                .checks(top.child("checks"));
        if (!errors.isEmpty()) {
            return null;
        }
        return new ReleasePlan(release, services, rollout, checks, distribution);
    }

    private List<ServicePlan> services(YamlField field) {
        List<ServicePlan> services = new ArrayList<>();
        if (!field.present()) {
            errors.add(field, "missing: expected a list of services, each with name, build and image");
            return services;
        }
        if (!field.isList() || field.node().isEmpty()) {
            errors.add(field, "expected a list of at least one service, found " + field.describe());
            return services;
        }
        Map<String, String> seenNames = new HashMap<>();
        Map<ContainerName, String> seenContainers = new HashMap<>();
        Map<String, String> seenHostPorts = new HashMap<>();
        for (YamlField item : field.items()) {
            YamlField nameField = item.child("name");
            if (nameField.isScalar()) {
                String previous = seenNames.putIfAbsent(nameField.node().asText(), nameField.path());
                if (previous != null) {
                    errors.add(nameField, "duplicate service name '" + nameField.node().asText() + "' (also "
                            + previous + "): expected each service once");
                }
            }
            ServicePlan service = service(item);
            if (service == null) {
                continue;
            }
            if (service.docker() != null) {
                YamlField docker = item.child("docker");
                String sameContainer = seenContainers.putIfAbsent(service.docker().container(), docker.child("container").path());
                if (sameContainer != null) {
                    errors.add(docker.child("container"), "container name '" + service.docker().container()
                            + "' is also used by " + sameContainer + ": expected one container name per service");
                }
                for (PortBinding port : service.docker().ports()) {
                    String hostPort = port.hostIp() + ":" + port.hostPort();
                    String samePort = seenHostPorts.putIfAbsent(hostPort, docker.child("ports").path());
                    if (samePort != null && !samePort.equals(docker.child("ports").path())) {
                        errors.add(docker.child("ports"), "host port " + hostPort + " is also published by "
                                + samePort + ": expected each host port once");
                    }
                }
            }
            services.add(service);
        }
        return services;
    }

    private ServicePlan service(YamlField item) {
        if (!item.isMapping()) {
            errors.add(item, "expected a service mapping with fields " + String.join(", ", SERVICE_FIELDS)
                    + ", found " + item.describe());
            return null;
        }
        int before = errorCount();
        fields.knownFields(item, SERVICE_FIELDS);
        ServiceName name = fields.name(item.child("name"), "a service name such as 'svc-tax'", ServiceName::of);
        BuildSpec build = build(item.child("build"));
        ImageRepository image = fields.name(item.child("image"), "an image repository such as 'gx-protocol/svc-tax'",
                ImageRepository::of);
        if (item.child("docker").present() == item.child("kubernetes").present()) {
            errors.add(item, "expected exactly one runtime, docker (a container on each Docker host) or kubernetes "
                    + "(a workload in the cluster); found " + (item.child("docker").present() ? "both" : "neither"));
        }
        DockerRuntime docker = item.child("docker").present() ? docker(item.child("docker")) : null;
        KubernetesRuntime kubernetes = item.child("kubernetes").present()
                ? new KubernetesRuntimeParser(errors, fields).runtime(item.child("kubernetes"), name) : null;
        return errorCount() == before ? new ServicePlan(name, build, image, docker, kubernetes) : null;
    }

    private BuildSpec build(YamlField field) {
        if (!fields.mapping(field, BUILD_FIELDS, true)) {
            return null;
        }
        String context = fields.text(field.child("context"), "a build context folder relative to the source root, e.g. '.'", true);
        String dockerfile = fields.text(field.child("dockerfile"), "a Dockerfile path relative to the build context", true);
        Map<String, String> args = fields.stringMap(field.child("args"), true);
        if (context == null || dockerfile == null || args == null || source.isEmpty()) {
            return null;
        }
        Optional<Path> contextFolder = source.get().context(field.child("context"), context, errors);
        contextFolder.ifPresent(folder -> source.get().dockerfile(field.child("dockerfile"), folder, dockerfile, errors));
        return contextFolder.isPresent() ? new BuildSpec(context, dockerfile, args) : null;
    }

    private DockerRuntime docker(YamlField field) {
        if (!fields.mapping(field, DOCKER_FIELDS, true)) {
            return null;
        }
        int before = errorCount();
        ContainerName container = fields.name(field.child("container"), "a container name such as 'shop-web'", ContainerName::of);
        List<PortBinding> ports = ports(field.child("ports"));
        Map<String, String> env = fields.stringMap(field.child("env"), true);
        Map<String, String> labels = fields.stringMap(field.child("labels"), false);
        return errorCount() == before ? new DockerRuntime(container, ports, env, labels) : null;
    }

    private List<PortBinding> ports(YamlField field) {
        List<PortBinding> ports = new ArrayList<>();
        if (!field.present()) {
            return ports;
        }
        if (!field.isList()) {
            errors.add(field, "expected a list of ports such as [\"127.0.0.1:18080:8080\"], found " + field.describe());
            return ports;
        }
        for (YamlField item : field.items()) {
            String text = item.isScalar() ? item.node().asText() : null;
            Matcher match = text == null ? null : PORT.matcher(text);
            if (match == null || !match.matches()) {
                errors.add(item, "port " + item.describe()
                        + " is not valid: expected hostIp:hostPort:containerPort or hostPort:containerPort, e.g. \"127.0.0.1:18080:8080\"");
                continue;
            }
            try {
                ports.add(new PortBinding(match.group(1), Integer.parseInt(match.group(2)), Integer.parseInt(match.group(3))));
            } catch (IllegalArgumentException e) {
                errors.add(item, "port '" + text + "' is not valid: " + e.getMessage());
            }
        }
        return ports;
    }

    private RolloutPolicy rollout(YamlField field) {
        if (!field.present()) {
            return RolloutPolicy.DEFAULT;
        }
        if (!fields.mapping(field, ROLLOUT_FIELDS, false)) {
            return null;
        }
        Boolean rollback = fields.bool(field.child("rollbackOnFailure"));
        Integer timeout = fields.integer(field.child("timeoutSeconds"), 1, 86_400, "a number of seconds (1-86400)");
        return new RolloutPolicy(rollback != null ? rollback : RolloutPolicy.DEFAULT.rollbackOnFailure(),
                timeout != null ? timeout : RolloutPolicy.DEFAULT.timeoutSeconds());
    }

    /** {@code distribution: {onNodeFailure: FAIL_SERVICE | CONTINUE}}; absent means FAIL_SERVICE. */
    private DistributionPolicy distribution(YamlField field) {
        if (!field.present()) {
            return DistributionPolicy.DEFAULT;
        }
        if (!fields.mapping(field, DISTRIBUTION_FIELDS, false)) {
            return null;
        }
        YamlField onNodeFailure = field.child("onNodeFailure");
        if (!onNodeFailure.present()) {
            return DistributionPolicy.DEFAULT;
        }
        String text = onNodeFailure.isScalar() ? onNodeFailure.node().asText() : null;
        for (NodeFailurePolicy policy : NodeFailurePolicy.values()) {
            if (policy.name().equals(text)) {
                return new DistributionPolicy(policy);
            }
        }
        errors.add(onNodeFailure, "expected one of FAIL_SERVICE (a node that did not get the image fails the service) or "
                + "CONTINUE (the service goes on with the nodes that got it), found " + onNodeFailure.describe());
        return null;
    }

    /**
     * The service names as written, each mapped to whether it runs on Kubernetes, so a check can name a
     * service whose other fields have problems.
     */
    private static Map<String, Boolean> declaredServices(YamlField services) {
        Map<String, Boolean> declared = new LinkedHashMap<>();
        if (services.isList()) {
            for (YamlField item : services.items()) {
                if (item.child("name").isScalar()) {
                    declared.put(item.child("name").node().asText(), item.child("kubernetes").present());
                }
            }
        }
        return declared;
    }

    private int errorCount() {
        return errors.count();
    }
}
