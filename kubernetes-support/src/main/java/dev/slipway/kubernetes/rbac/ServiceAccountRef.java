package dev.slipway.kubernetes.rbac;

/** A service account, as RBAC subjects name it: {@code system:serviceaccount:<namespace>:<name>}. */
public record ServiceAccountRef(String namespace, String name) {
    public ServiceAccountRef {
        if (namespace == null || namespace.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a service account needs a namespace and a name");
        }
    }

    @Override
    public String toString() {
        return "system:serviceaccount:" + namespace + ":" + name;
    }
}
