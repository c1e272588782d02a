package dev.slipway.cli.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The four stages the local default runs, each a Quarkus jar in its module, with the settings it needs. */
public enum PipelineService {
    BUILDER("builder-service"),
    DISTRIBUTOR("distributor-service"),
    ROLLOUT("rollout-service"),
    VERIFIER("verifier-service");

    /** The name of the single node of the local default. */
    public static final String LOCAL_NODE = "local";

    private final String module;

    PipelineService(String module) {
        this.module = module;
    }

    public String module() {
        return module;
    }

    /** The runnable jar, relative to the repository root. */
    public Path jar() {
        return Path.of(module, "target", "quarkus-app", "quarkus-run.jar");
    }

    /** The system properties this stage starts with: the broker, and the engine as build host and single node. */
    public Map<String, String> properties(String bootstrapServers, String engine, Path sourceRoot) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        switch (this) {
            case BUILDER -> {
                properties.put("slipway.builder.engine", engine);
                properties.put("slipway.builder.source-root", sourceRoot.toString());
            }
            case DISTRIBUTOR -> {
                properties.put("slipway.distributor.source-engine", engine);
                properties.put("slipway.nodes." + LOCAL_NODE + ".engine", engine);
            }
            case ROLLOUT, VERIFIER -> properties.put("slipway.nodes." + LOCAL_NODE + ".engine", engine);
        }
        return properties;
    }
}
