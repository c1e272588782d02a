package dev.slipway.kubernetes.rbac;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;

/** Whether one RBAC rule covers a request, with the kube-apiserver's matching rules (wildcards, {@code *}/subresource, resourceNames, URL prefixes). */
public final class RuleMatch {
    private RuleMatch() {}

    public static boolean covers(PolicyRule rule, ApiRequest request) {
        if (!contains(rule.getVerbs(), request.verb())) {
            return false;
        }
        if (!request.resourceRequest()) {
            return nonResourceUrl(rule.getNonResourceURLs(), request.pathOnly());
        }
        return contains(rule.getApiGroups(), request.apiGroup())
                && resource(rule.getResources(), request)
                && (empty(rule.getResourceNames()) || (request.name() != null && rule.getResourceNames().contains(request.name())));
    }

    private static boolean resource(List<String> resources, ApiRequest request) {
        if (resources == null) {
            return false;
        }
        for (String resource : resources) {
            if (resource.equals("*") || resource.equals(request.resourceWithSubresource())) {
                return true;
            }
            if (request.subresource() != null && resource.equals("*/" + request.subresource())) {
                return true;
            }
        }
        return false;
    }

    static boolean nonResourceUrl(List<String> urls, String path) {
        if (urls == null) {
            return false;
        }
        for (String url : urls) {
            if (url.equals("*") || url.equals(path)
                    || (url.endsWith("*") && path.startsWith(url.substring(0, url.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(List<String> values, String value) {
        return values != null && (values.contains("*") || values.contains(value));
    }

    private static boolean empty(List<String> values) {
        return values == null || values.isEmpty();
    }
}
