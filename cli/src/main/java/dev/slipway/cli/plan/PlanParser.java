package dev.slipway.cli.plan;

import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageRepository;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.BuildSpec;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.ContainerCheck;
import dev.slipway.events.plan.DockerRuntime;
import dev.slipway.events.plan.HttpCheck;
import dev.slipway.events.plan.PortBinding;
import dev.slipway.events.plan.ReleasePlan;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
    private static final List<String> TOP_FIELDS = List.of("release", "services", "rollout", "checks");
    private static final List<String> SERVICE_FIELDS = List.of("name", "build", "image", "docker");
    private static final List<String> BUILD_FIELDS = List.of("context", "dockerfile", "args");
    private static final List<String> DOCKER_FIELDS = List.of("container", "ports", "env", "labels");
    private static final List<String> ROLLOUT_FIELDS = List.of("rollbackOnFailure", "timeoutSeconds");
    private static final List<String> CHECK_FIELDS = List.of("name", "http", "container");
    private static final List<String> HTTP_FIELDS = List.of("url", "expectStatus", "bodyContains", "timeoutSeconds");
    private static final List<String> CONTAINER_CHECK_FIELDS = List.of("service");
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
        List<CheckSpec> checks = checks(top.child("checks"), declaredServiceNames(top.child("services")));
        if (!errors.isEmpty()) {
            return null;
        }
        return new ReleasePlan(release, services, rollout, checks);
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
        DockerRuntime docker = item.child("docker").present() ? docker(item.child("docker")) : null;
        return errorCount() == before ? new ServicePlan(name, build, image, docker) : null;
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

    private List<CheckSpec> checks(YamlField field, List<String> services) {
        List<CheckSpec> checks = new ArrayList<>();
        if (!field.present()) {
            return checks;
        }
        if (!field.isList()) {
            errors.add(field, "expected a list of checks, each with a name and one of: http, container; found "
                    + field.describe());
            return checks;
        }
        for (YamlField item : field.items()) {
            if (!fields.mapping(item, CHECK_FIELDS, false)) {
                continue;
            }
            String name = fields.text(item.child("name"), "a check name such as 'api answers 401'", true);
            YamlField http = item.child("http");
            YamlField container = item.child("container");
            if (http.present() == container.present()) {
                errors.add(item, "expected exactly one of: http, container; found "
                        + (http.present() ? "both" : "neither"));
                continue;
            }
            HttpCheck httpCheck = http.present() ? httpCheck(http) : null;
            ContainerCheck containerCheck = container.present() ? containerCheck(container, services) : null;
            if (name != null && (httpCheck != null || containerCheck != null)) {
                checks.add(new CheckSpec(name, httpCheck, containerCheck));
            }
        }
        return checks;
    }

    private HttpCheck httpCheck(YamlField field) {
        if (!fields.mapping(field, HTTP_FIELDS, false)) {
            return null;
        }
        int before = errorCount();
        URI url = url(field.child("url"));
        List<Integer> statuses = statuses(field.child("expectStatus"));
        String body = fields.text(field.child("bodyContains"), "a text the response body must contain", false);
        Integer timeout = fields.integer(field.child("timeoutSeconds"), 1, 3600, "a number of seconds (1-3600)");
        if (errorCount() != before) {
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

    private ContainerCheck containerCheck(YamlField field, List<String> known) {
        if (!fields.mapping(field, CONTAINER_CHECK_FIELDS, false)) {
            return null;
        }
        ServiceName service = fields.name(field.child("service"), "the name of a service of this plan", ServiceName::of);
        if (service == null) {
            return null;
        }
        if (!known.contains(service.value())) {
            errors.add(field.child("service"), "service '" + service + "' is not in this plan: expected one of "
                    + String.join(", ", known));
            return null;
        }
        return new ContainerCheck(service);
    }

    /** The service names as written, so a check can name a service whose other fields have problems. */
    private static List<String> declaredServiceNames(YamlField services) {
        List<String> names = new ArrayList<>();
        if (services.isList()) {
            for (YamlField item : services.items()) {
                if (item.child("name").isScalar()) {
                    names.add(item.child("name").node().asText());
                }
            }
        }
        return names;
    }

    private int errorCount() {
        return errors.count();
    }
}
