package dev.slipway.kubernetes.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The RBAC objects of a set of manifests (Roles, ClusterRoles, RoleBindings, ClusterRoleBindings), answering
 * whether a service account may make a request, as the kube-apiserver's RBAC authorizer would: a namespaced
 * request through a RoleBinding in its namespace (to a Role there or a ClusterRole) or a ClusterRoleBinding;
 * a cluster-scoped or non-resource request only through a ClusterRoleBinding. Roles and RoleBindings without
 * {@code metadata.namespace} are meant to be applied with {@code kubectl apply -n <ns>}: they count in each of
 * the given target namespaces. Discovery ({@code /api}, {@code /apis}, {@code /version}...) is allowed to every
 * authenticated account, as Kubernetes' default {@code system:discovery} binding does. Aggregated ClusterRoles
 * are not expanded.
 */
public final class RbacPolicy {
    /** What the default ClusterRoles system:discovery and system:public-info-viewer grant every authenticated user. */
    static final PolicyRule DISCOVERY = new PolicyRule(List.of(), List.of("/api", "/api/*", "/apis", "/apis/*", "/healthz",
            "/livez", "/readyz", "/version", "/version/", "/openapi", "/openapi/*"), List.of(), List.of(), List.of("get"));

    private final Map<String, Role> roles = new HashMap<>();
    private final Map<String, ClusterRole> clusterRoles = new HashMap<>();
    private final List<Map.Entry<String, RoleBinding>> roleBindings = new ArrayList<>();
    private final List<ClusterRoleBinding> clusterRoleBindings = new ArrayList<>();

    private RbacPolicy() {}

    /** The RBAC objects of the manifest files; namespace-less Roles and RoleBindings count in each of {@code namespaces}. */
    public static RbacPolicy fromManifests(Collection<Path> files, Set<String> namespaces) {
        return of(files.stream().flatMap(file -> Manifests.read(file).stream()).toList(), namespaces);
    }

    /** Every {@code *.yaml} / {@code *.yml} file of a directory (e.g. the repository's deploy/), in name order. */
    public static RbacPolicy fromDirectory(Path directory, Set<String> namespaces) {
        try (Stream<Path> files = Files.list(directory)) {
            return fromManifests(files.filter(file -> file.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList(),
                    namespaces);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the manifests in " + directory + ": " + e.getMessage(), e);
        }
    }

    public static RbacPolicy of(Collection<HasMetadata> objects, Set<String> namespaces) {
        RbacPolicy policy = new RbacPolicy();
        for (HasMetadata object : objects) {
            String namespace = object.getMetadata().getNamespace();
            Set<String> applied = namespace == null || namespace.isBlank() ? namespaces : Set.of(namespace);
            if (object instanceof Role role) {
                applied.forEach(ns -> policy.roles.put(ns + "/" + role.getMetadata().getName(), role));
            } else if (object instanceof RoleBinding binding) {
                applied.forEach(ns -> policy.roleBindings.add(Map.entry(ns, binding)));
            } else if (object instanceof ClusterRole role) {
                policy.clusterRoles.put(role.getMetadata().getName(), role);
            } else if (object instanceof ClusterRoleBinding binding) {
                policy.clusterRoleBindings.add(binding);
            }
        }
        return policy;
    }

    public boolean allows(ServiceAccountRef account, ApiRequest request) {
        if (!request.resourceRequest() && RuleMatch.covers(DISCOVERY, request)) {
            return true;
        }
        return rulesFor(account, request).anyMatch(rule -> RuleMatch.covers(rule, request));
    }

    /** The requests the account may not make, each once, in the order given. */
    public List<ApiRequest> denied(ServiceAccountRef account, Collection<ApiRequest> requests) {
        Set<String> seen = new LinkedHashSet<>();
        List<ApiRequest> denied = new ArrayList<>();
        for (ApiRequest request : requests) {
            if (!allows(account, request) && seen.add(request.describe())) {
                denied.add(request);
            }
        }
        return denied;
    }

    private Stream<PolicyRule> rulesFor(ServiceAccountRef account, ApiRequest request) {
        Stream<PolicyRule> cluster = clusterRoleBindings.stream()
                .filter(binding -> binds(binding.getSubjects(), null, account))
                .flatMap(binding -> rules(binding.getRoleRef(), null));
        if (!request.resourceRequest() || request.namespace() == null) {
            return cluster;
        }
        Stream<PolicyRule> namespaced = roleBindings.stream()
                .filter(entry -> entry.getKey().equals(request.namespace()))
                .filter(entry -> binds(entry.getValue().getSubjects(), entry.getKey(), account))
                .flatMap(entry -> rules(entry.getValue().getRoleRef(), entry.getKey()));
        return Stream.concat(cluster, namespaced);
    }

    private Stream<PolicyRule> rules(RoleRef ref, String namespace) {
        if ("ClusterRole".equals(ref.getKind())) {
            ClusterRole role = clusterRoles.get(ref.getName());
            return role == null || role.getRules() == null ? Stream.empty() : role.getRules().stream();
        }
        if ("Role".equals(ref.getKind()) && namespace != null) {
            Role role = roles.get(namespace + "/" + ref.getName());
            return role == null || role.getRules() == null ? Stream.empty() : role.getRules().stream();
        }
        return Stream.empty();
    }

    private static boolean binds(List<Subject> subjects, String bindingNamespace, ServiceAccountRef account) {
        if (subjects == null) {
            return false;
        }
        for (Subject subject : subjects) {
            String kind = subject.getKind();
            if ("ServiceAccount".equals(kind)) {
                String namespace = subject.getNamespace() == null || subject.getNamespace().isBlank() ? bindingNamespace
                        : subject.getNamespace();
                if (account.name().equals(subject.getName()) && account.namespace().equals(namespace)) {
                    return true;
                }
            } else if ("User".equals(kind) && account.toString().equals(subject.getName())) {
                return true;
            } else if ("Group".equals(kind) && (List.of("system:serviceaccounts", "system:authenticated",
                    "system:serviceaccounts:" + account.namespace()).contains(subject.getName()))) {
                return true;
            }
        }
        return false;
    }
}
