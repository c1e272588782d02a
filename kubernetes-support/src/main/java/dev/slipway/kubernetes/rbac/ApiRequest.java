package dev.slipway.kubernetes.rbac;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request to the Kubernetes API as RBAC authorizes it: the kube-apiserver's request-info rules turn
 * method, path and query into a verb (get, list, watch, create, update, patch, delete, deletecollection), API
 * group, resource, subresource, namespace and name; a path outside {@code /api} and {@code /apis} resources
 * (discovery, {@code /version}) is a non-resource request with the lower-cased method as verb.
 *
 * <p>{@code GET /api/v1/namespaces/fabric/pods?labelSelector=app%3Dpeer} → list pods in fabric;
 * {@code GET .../pods?watch=true} → watch pods; {@code PATCH /apis/apps/v1/namespaces/n/deployments/x} → patch
 * deployments.apps x; {@code GET .../pods/p/log} → get pods/log; {@code GET /api/v1/nodes} → list nodes (cluster-scoped).
 */
public record ApiRequest(String method, String path, boolean resourceRequest, String verb, String apiGroup,
        String resource, String subresource, String namespace, String name) {
    /** Subresources of a namespace itself ({@code /api/v1/namespaces/x/status}), not namespaced resources. */
    private static final List<String> NAMESPACE_SUBRESOURCES = List.of("status", "finalize");

    /** Parses a request line's method and path (with its query, as a mock server records it). */
    public static ApiRequest of(String method, String pathAndQuery) {
        String upper = method.toUpperCase(Locale.ROOT);
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        Map<String, String> query = query(question < 0 ? "" : pathAndQuery.substring(question + 1));
        List<String> parts = new ArrayList<>(Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList());
        String group;
        int versionEnd;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            versionEnd = 2;
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            versionEnd = 3;
        } else {
            return nonResource(upper, pathAndQuery);
        }
        List<String> rest = new ArrayList<>(parts.subList(versionEnd, parts.size()));
        if (rest.isEmpty()) {
            return nonResource(upper, pathAndQuery);
        }
        String verb = switch (upper) {
            case "POST" -> "create";
            case "GET", "HEAD" -> "get";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> "";
        };
        if (rest.get(0).equals("watch")) {
            verb = "watch";
            rest = rest.subList(1, rest.size());
        }
        String namespace = null;
        if (!rest.isEmpty() && rest.get(0).equals("namespaces") && rest.size() > 1) {
            namespace = rest.get(1);
            if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
                rest = rest.subList(2, rest.size());
            }
        }
        String resource = rest.isEmpty() ? "" : rest.get(0);
        String name = rest.size() >= 2 ? rest.get(1) : null;
        String subresource = rest.size() >= 3 ? rest.get(2) : null;
        if (name == null && verb.equals("get")) {
            verb = isTrue(query.get("watch")) ? "watch" : "list";
            String field = query.getOrDefault("fieldSelector", "");
            if (field.startsWith("metadata.name=") && !field.contains(",")) {
                name = field.substring("metadata.name=".length());
            }
        }
        if (name == null && verb.equals("delete")) {
            verb = "deletecollection";
        }
        return new ApiRequest(upper, pathAndQuery, true, verb, group, resource, subresource, namespace, name);
    }

    private static ApiRequest nonResource(String method, String pathAndQuery) {
        return new ApiRequest(method, pathAndQuery, false, method.toLowerCase(Locale.ROOT), null, null, null, null, null);
    }

    /** The path without its query, as a non-resource rule names it. */
    public String pathOnly() {
        int question = path.indexOf('?');
        return question < 0 ? path : path.substring(0, question);
    }

    /** How RBAC rules name the resource: {@code pods}, {@code pods/log}. */
    public String resourceWithSubresource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    /** "watch pods in namespace fabric", "get pods/log x in namespace n", "list nodes (cluster-scoped)", "get /version". */
    public String describe() {
        if (!resourceRequest) {
            return verb + " " + pathOnly();
        }
        String what = resourceWithSubresource() + (apiGroup.isEmpty() ? "" : " (" + apiGroup + ")");
        return verb + " " + what + (name == null ? "" : " " + name)
                + (namespace == null ? " (cluster-scoped)" : " in namespace " + namespace);
    }

    @Override
    public String toString() {
        return describe() + " [" + method + " " + path + "]";
    }

    private static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new TreeMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }
}
