package dev.slipway.distributor.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.names.ImageId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a {@code docker save} archive of one image to its end and returns its {@link SaveArchiveIndex}.
 * Only the small entries are kept (the manifest and the config); layer contents are read past. Needed
 * because Docker Engine 20.10 names layers by v1 ids and writes {@code manifest.json}, which maps them to
 * their order, last: nothing in the stream says which layer an entry is until the stream has been read.
 */
public final class SaveArchiveIndexer {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most a config or manifest may hold; real ones are a few KiB. */
    private static final int MAX_METADATA_BYTES = 16 * 1024 * 1024;

    private SaveArchiveIndexer() {}

    public static SaveArchiveIndex index(InputStream saveArchive) throws IOException {
        Map<String, byte[]> metadata = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(saveArchive);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            if (!entry.isFile()) {
                continue;
            }
            sizes.put(entry.getName(), entry.getSize());
            if (entry.getName().endsWith(".json") && !entry.getName().contains("/")) {
                metadata.put(entry.getName(), readSmall(tar, entry));
            }
        }
        byte[] manifestBytes = metadata.get("manifest.json");
        if (manifestBytes == null) {
            throw new IOException("the archive has no manifest.json: it is not a docker save archive");
        }
        JsonNode manifests = JSON.readTree(manifestBytes);
        if (!manifests.isArray() || manifests.size() != 1) {
            throw new IOException("the archive's manifest.json lists " + manifests.size() + " images; one was expected");
        }
        JsonNode manifest = manifests.get(0);
        String configEntry = manifest.path("Config").asText();
        byte[] config = metadata.get(configEntry);
        if (config == null) {
            throw new IOException("the archive lacks the config " + configEntry + " its manifest.json names");
        }
        JsonNode diffIds = JSON.readTree(config).path("rootfs").path("diff_ids");
        JsonNode layerEntries = manifest.path("Layers");
        if (!diffIds.isArray() || diffIds.size() != layerEntries.size()) {
            throw new IOException("the archive's manifest lists " + layerEntries.size() + " layers but its config has "
                    + diffIds.size() + " diff ids");
        }
        List<SaveArchiveIndex.Layer> layers = new ArrayList<>();
        for (int i = 0; i < layerEntries.size(); i++) {
            String layerEntry = layerEntries.get(i).asText();
            Long size = sizes.get(layerEntry);
            if (size == null) {
                throw new IOException("the archive lacks the layer " + layerEntry + " its manifest.json names");
            }
            layers.add(new SaveArchiveIndex.Layer(layerEntry, Digests.sha256(diffIds.get(i).asText()), size));
        }
        String configHex = configEntry.substring(0, configEntry.length() - ".json".length());
        return new SaveArchiveIndex(ImageId.of("sha256:" + configHex), configEntry, config.length, layers);
    }

    static byte[] readSmall(TarArchiveInputStream tar, TarArchiveEntry entry) throws IOException {
        if (entry.getSize() > MAX_METADATA_BYTES) {
            throw new IOException("the archive's " + entry.getName() + " is " + entry.getSize() + " bytes; at most "
                    + MAX_METADATA_BYTES + " were expected");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) entry.getSize());
        tar.transferTo(bytes);
        return bytes.toByteArray();
    }
}
