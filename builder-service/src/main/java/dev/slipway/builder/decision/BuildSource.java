package dev.slipway.builder.decision;

import java.nio.file.Path;

/**
 * What a service's build reads: its context folder and its Dockerfile, both real paths (symbolic
 * links resolved) checked to lie inside the source root, the Dockerfile inside the context.
 */
public record BuildSource(Path context, Path dockerfile) {}
