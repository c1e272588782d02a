package dev.slipway.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a 401 or 403 of the API server means to the person who has to fix it: which account was refused which
 * verb on which resource in which namespace, and which Role of {@code deploy/} to change, e.g.
 * {@code the API server refused slipway-rollout (system:serviceaccount:slipway:slipway-rollout): it may not patch
 * deployments (API group apps) in namespace store; add "patch" for deployments to the Role slipway-rollout in
 * namespace store (deploy/030-Role-rollout.yaml): kubectl apply -n store -f deploy/030-Role-rollout.yaml}.
 */
public final class ApiRefusals {
    /** The Roles a stage is granted by {@code deploy/}: its namespaced Role and, if any, its ClusterRole. */
    public record Grants(String role, String roleFile, String clusterRole, String clusterRoleFile) {
        public Grants {
            java.util.Objects.requireNonNull(clusterRole);
        }

        public static final Grants ROLLOUT = new Grants("slipway-rollout", "deploy/030-Role-rollout.yaml",
                "slipway-rollout-nodes", "deploy/041-ClusterRole-rollout-nodes.yaml");
        public static final Grants VERIFIER = new Grants("slipway-verifier", "deploy/031-Role-verifier.yaml",
                "slipway-verifier-nodes", "deploy/040-ClusterRole-verifier-nodes.yaml");
    }

    /** The API server's text for a refusal: {@code User "u" cannot verb resource "r" [in API group "g"] [in the namespace "n"]}. */
    private static final Pattern FORBIDDEN = Pattern.compile(
            "User \"([^\"]+)\" cannot (\\S+) resource \"([^\"]+)\"(?: in API group \"([^\"]*)\")?(?: in the namespace \"([^\"]+)\")?");

    private ApiRefusals() {}

    /** The explanation when {@code e} is a 401 or 403, else empty. */
    public static Optional<String> explain(KubernetesClientException e, Grants grants) {
        if (e.getCode() == 401) {
            return Optional.of("the API server did not accept the credentials (401 Unauthorized): the token is wrong, "
                    + "expired or of a deleted ServiceAccount; renew it in the kubeconfig (slipway.kubernetes.kubeconfig) or "
                    + "the mounted service-account token");
        }
        if (e.getCode() != 403) {
            return Optional.empty();
        }
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : String.valueOf(e.getMessage());
        return Optional.of(forbidden(message, grants));
    }

    /**
     * Any API failure in a line a person can act on: a refusal explained as above; an answer of the API server as
     * {@code the API server answered 422 (Invalid): <its message>}; no answer as {@code the API server could not be
     * reached: <why>}.
     */
    public static String describe(KubernetesClientException e, Grants grants) {
        Optional<String> refused = explain(e, grants);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (e.getCode() > 0 && e.getStatus() != null) {
            String message = e.getStatus().getMessage() == null ? "" : e.getStatus().getMessage().replaceAll("\\s+", " ").strip();
            return "the API server answered " + e.getCode() + (e.getStatus().getReason() == null ? "" : " (" + e.getStatus().getReason() + ")")
                    + (message.isEmpty() ? "" : ": " + message);
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return "the API server could not be reached: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage());
    }

    /** The explanation of a 403's message (pure, for tests). */
    public static String forbidden(String message, Grants grants) {
        Matcher m = FORBIDDEN.matcher(message);
        if (!m.find()) {
            return "the API server refused the request (403 Forbidden): " + message.replaceAll("\\s+", " ").strip()
                    + "; grant it with the Roles in deploy/ (" + grants.roleFile() + ")";
        }
        String user = m.group(1);
        String verb = m.group(2);
        String resource = m.group(3);
        String group = m.group(4);
        String namespace = m.group(5);
        String account = user.startsWith("system:serviceaccount:") ? user.substring(user.lastIndexOf(':') + 1) : user;
        StringBuilder text = new StringBuilder("the API server refused ").append(account);
        if (!account.equals(user)) {
            text.append(" (").append(user).append(")");
        }
        text.append(": it may not ").append(verb).append(" ").append(resource)
                .append(group == null || group.isEmpty() ? " (core API group)" : " (API group " + group + ")");
        if (namespace != null) {
            text.append(" in namespace ").append(namespace).append("; add \"").append(verb).append("\" for ").append(resource)
                    .append(" to the Role ").append(grants.role()).append(" in namespace ").append(namespace).append(" (")
                    .append(grants.roleFile()).append("): kubectl apply -n ").append(namespace).append(" -f ")
                    .append(grants.roleFile());
        } else {
            text.append(" (cluster-scoped); add \"").append(verb).append("\" for ").append(resource).append(" to the ClusterRole ")
                    .append(grants.clusterRole()).append(" (").append(grants.clusterRoleFile()).append("): kubectl apply -f ")
                    .append(grants.clusterRoleFile());
        }
        return text.toString();
    }
}
