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

    /** The stable name of one instance in its consumer group: {@code slipway-rollout-0}, {@code slipway-rollout-1}. */
    public String instanceId(int instance) {
        return "slipway-" + name().toLowerCase(java.util.Locale.ROOT) + "-" + instance;
    }

    /** The runnable jar, relative to the repository root. */
    public Path jar() {
        return Path.of(module, "target", "quarkus-app", "quarkus-run.jar");
    }

    /**
     * The system properties this stage starts with: the broker, the build engine and source root, the
     * nodes (node name to engine address) for the stages that work on nodes, and its HTTP server (health
     * checks) on a free loopback port.
     */
    public Map<String, String> properties(String bootstrapServers, String engine, Path sourceRoot,
            Map<String, String> nodes) {
        return properties(bootstrapServers, engine, sourceRoot, nodes, 0);
    }

    /** The system properties of one instance of this stage: as {@link #properties(String, String, Path, Map)}, under {@link #instanceId(int)}. */
    public Map<String, String> properties(String bootstrapServers, String engine, Path sourceRoot,
            Map<String, String> nodes, int instance) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        // health endpoints (/q/health) on loopback, on a port the system picks: four services on one machine
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.port", "0");
        // a stable member name: restarted, the stage gets its partitions (and its unacknowledged record) back at once
        properties.put("slipway.instance-id", instanceId(instance));
        switch (this) {
            case BUILDER -> {
                properties.put("slipway.builder.engine", engine);
                properties.put("slipway.builder.source-root", sourceRoot.toString());
            }
            case DISTRIBUTOR -> {
                properties.put("slipway.distributor.source-engine", engine);
                nodes.forEach((node, address) -> properties.put("slipway.nodes." + node + ".engine", address));
            }
            case ROLLOUT, VERIFIER ->
                nodes.forEach((node, address) -> properties.put("slipway.nodes." + node + ".engine", address));
        }
        return properties;
    }
}
