package dev.slipway.distributor.ssh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads what {@code ctr} prints: the image list and the manifests (pure, no I/O). */
public final class ContainerdImages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContainerdImages() {}

    /** {@code ctr images ls}: every image name and the digest of its target (manifest or index), in order. */
    public static Map<String, String> targets(String listing) {
        Map<String, String> targets = new LinkedHashMap<>();
        String[] lines = listing.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String[] columns = lines[i].strip().split("\\s+");
            if (columns.length < 3 || (i == 0 && columns[0].equals("REF"))) {
                continue;
            }
            if (columns[2].startsWith("sha256:")) {
                targets.put(columns[0], columns[2]);
            }
        }
        return targets;
    }

    /** The blob digests of {@code ctr content ls -q}, one per line; anything else is refused. */
    public static Set<String> digests(String listing) {
        Set<String> digests = new HashSet<>();
        listing.lines().map(String::strip).filter(line -> !line.isEmpty())
                .forEach(line -> digests.add(ContainerdCommands.digest(line)));
        return digests;
    }

    /** What a target blob points at: a manifest's config digest, or an index's manifest digests. */
    public record Target(List<String> configs, List<String> manifests) {}

    public static Target target(String blob) {
        try {
            JsonNode node = JSON.readTree(blob);
            List<String> configs = new ArrayList<>();
            List<String> manifests = new ArrayList<>();
            if (node.path("config").hasNonNull("digest")) {
                configs.add(node.path("config").path("digest").asText());
            }
            node.path("manifests").forEach(manifest -> manifests.add(manifest.path("digest").asText()));
            return new Target(configs, manifests);
        } catch (IOException e) {
            throw new UncheckedIOException("the node's blob is not a manifest or index: " + e.getMessage(), e);
        }
    }
}
