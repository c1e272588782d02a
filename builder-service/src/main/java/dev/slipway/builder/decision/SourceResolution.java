package dev.slipway.builder.decision;

/** The outcome of resolving a service's build paths: a {@link BuildSource} to build, or why not. */
public sealed interface SourceResolution {
    /** The paths are inside the source root and exist. */
    record Resolved(BuildSource source) implements SourceResolution {}

    /** The paths cannot be built; {@code reason} names the path, the source root and what to change. */
    record Refused(String reason) implements SourceResolution {}
}
