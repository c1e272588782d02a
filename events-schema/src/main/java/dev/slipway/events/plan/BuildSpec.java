package dev.slipway.events.plan;

import java.util.Map;

/**
 * Build inputs. {@code context} and {@code dockerfile} are relative paths: the context against the
 * builder's source root, the Dockerfile against the context. The builder refuses anything resolving outside.
 */
public record BuildSpec(String context, String dockerfile, Map<String, String> args) {
    public BuildSpec {
        args = args == null ? Map.of() : Map.copyOf(args);
    }
}
