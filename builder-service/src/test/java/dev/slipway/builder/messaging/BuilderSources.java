package dev.slipway.builder.messaging;

import java.nio.file.Path;

/** The source root the Quarkus tests' builder reads, and the engine it builds on. */
public record BuilderSources(Path root, String engine) {
    public Path service(String name) {
        return root.resolve("services").resolve(name);
    }
}
