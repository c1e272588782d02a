package dev.slipway.cli.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A properties file of {@code slipway.nodes.*} settings, as {@code scripts/cluster.sh env} writes it:
 * <pre>
 * slipway.nodes.vps-1.transport=ssh-containerd
 * slipway.nodes.vps-1.address=root@10.242.0.11:22
 * </pre>
 * Only {@code slipway.nodes.} keys are taken: anything else is refused, naming the key, so that the file cannot
 * smuggle other settings into the services. The services validate the values themselves at start.
 */
public final class NodesFile {
    static final String PREFIX = "slipway.nodes.";

    private NodesFile() {}

    public static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new LocalPipelineException("cannot read the nodes file " + file + ": " + e.getMessage(), e);
        }
        List<String> foreign = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(key -> {
            if (key.startsWith(PREFIX)) {
                settings.put(key, properties.getProperty(key));
            } else {
                foreign.add(key);
            }
        });
        if (!foreign.isEmpty()) {
            throw new LocalPipelineException(file + ": only " + PREFIX + "* keys belong in a nodes file; found " + String.join(", ", foreign));
        }
        if (settings.isEmpty()) {
            throw new LocalPipelineException(file + " holds no " + PREFIX + "* settings");
        }
        return settings;
    }
}
