package dev.slipway.events.plan;

/** One check of the release; exactly one of its kinds is set. */
public record CheckSpec(String name, HttpCheck http, ContainerCheck container) {
    public CheckSpec {
        int kinds = (http == null ? 0 : 1) + (container == null ? 0 : 1);
        if (kinds != 1) {
            throw new IllegalArgumentException("check '" + name + "' must have exactly one of: http, container");
        }
    }

    public String kind() {
        return http != null ? "http" : "container";
    }
}
