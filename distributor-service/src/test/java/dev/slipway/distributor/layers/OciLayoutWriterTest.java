package dev.slipway.distributor.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** A docker save archive (Docker 20.10 layout) in, an OCI layout with only the chosen layers out. */
class OciLayoutWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final byte[] base = "base layer bytes".repeat(100).getBytes(StandardCharsets.UTF_8);
    private final byte[] top = "top layer bytes".repeat(10).getBytes(StandardCharsets.UTF_8);
    private final String baseDigest = OciLayoutWriter.sha256(base);
    private final String topDigest = OciLayoutWriter.sha256(top);
    private final byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
            + baseDigest + "\",\"" + topDigest + "\"]}}").getBytes(StandardCharsets.UTF_8);
    private final String configDigest = OciLayoutWriter.sha256(config);

    @Test
    void indexesTheLayersInTheManifestsOrderWhateverOrderTheArchiveHasThem() throws IOException {
        SaveArchiveIndex index = SaveArchiveIndexer.index(new ByteArrayInputStream(saveArchive(config)));

        assertThat(index.config().value()).isEqualTo(configDigest);
        assertThat(index.configSize()).isEqualTo(config.length);
        assertThat(index.layers()).containsExactly(
                new SaveArchiveIndex.Layer("bbbb/layer.tar", baseDigest, base.length),
                new SaveArchiveIndex.Layer("aaaa/layer.tar", topDigest, top.length));
    }

    @Test
    void writesTheManifestTheConfigAndOnlyTheLayersToSend() throws IOException {
        byte[] archive = saveArchive(config);
        SaveArchiveIndex index = SaveArchiveIndexer.index(new ByteArrayInputStream(archive));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        OciLayoutWriter.write(new ByteArrayInputStream(archive), index, Set.of(topDigest), "docker.io/team/app:1.0", out);

        Map<String, byte[]> layout = entries(out.toByteArray());
        String manifestDigest = JSON.readTree(layout.get("index.json")).path("manifests").get(0).path("digest").asText();
        assertThat(layout.keySet()).containsExactly("oci-layout", "blobs/sha256/" + configDigest.substring(7),
                "blobs/sha256/" + topDigest.substring(7), "blobs/sha256/" + manifestDigest.substring(7), "index.json");
        assertThat(layout.get("blobs/sha256/" + topDigest.substring(7))).isEqualTo(top);
        JsonNode indexJson = JSON.readTree(layout.get("index.json"));
        assertThat(indexJson.path("manifests").get(0).path("annotations").path("io.containerd.image.name").asText())
                .isEqualTo("docker.io/team/app:1.0");
        byte[] manifestBytes = layout.get("blobs/sha256/" + manifestDigest.substring(7));
        assertThat(OciLayoutWriter.sha256(manifestBytes)).isEqualTo(manifestDigest);
        JsonNode manifest = JSON.readTree(manifestBytes);
        assertThat(manifest.path("config").path("digest").asText()).isEqualTo(configDigest);
        assertThat(manifest.path("layers").findValuesAsText("digest")).containsExactly(baseDigest, topDigest);
        assertThat(manifest.path("layers").get(0).path("size").asLong()).isEqualTo(base.length);
    }

    @Test
    void refusesAnArchiveWhoseConfigIsNoLongerTheIndexedImage() throws IOException {
        SaveArchiveIndex index = SaveArchiveIndexer.index(new ByteArrayInputStream(saveArchive(config)));
        byte[] rebuilt = saveArchive(new String(config, StandardCharsets.UTF_8).replace("amd64", "arm64")
                .getBytes(StandardCharsets.UTF_8), index.configEntry());

        assertThatThrownBy(() -> OciLayoutWriter.write(new ByteArrayInputStream(rebuilt), index, Set.of(topDigest),
                "docker.io/team/app:1.0", new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class).hasMessageContaining("changed between two reads");
    }

    @Test
    void refusesToLeaveOutALayerItWasAskedToSend() throws IOException {
        SaveArchiveIndex index = SaveArchiveIndexer.index(new ByteArrayInputStream(saveArchive(config)));
        String other = "sha256:" + "c".repeat(64);

        assertThatThrownBy(() -> OciLayoutWriter.write(new ByteArrayInputStream(saveArchive(config)), index,
                Set.of(other), "docker.io/team/app:1.0", new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class).hasMessageContaining("lacks the layers [" + other + "]");
    }

    @Test
    void refusesAnArchiveThatIsNotADockerSave() {
        assertThatThrownBy(() -> SaveArchiveIndexer.index(new ByteArrayInputStream(tar(Map.of("hello.txt", new byte[3])))))
                .isInstanceOf(IOException.class).hasMessageContaining("no manifest.json");
    }

    /** Docker 20.10's order: entries sorted by name, manifest.json last but one; layers by v1 id, not in order. */
    private byte[] saveArchive(byte[] configBytes) throws IOException {
        return saveArchive(configBytes, OciLayoutWriter.sha256(configBytes).substring(7) + ".json");
    }

    private byte[] saveArchive(byte[] configBytes, String configName) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(configName, configBytes);
        entries.put("aaaa/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
        entries.put("aaaa/json", "{}".getBytes(StandardCharsets.UTF_8));
        entries.put("aaaa/layer.tar", top);
        entries.put("bbbb/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
        entries.put("bbbb/layer.tar", base);
        entries.put("manifest.json", ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"team/app:1.0\"],"
                + "\"Layers\":[\"bbbb/layer.tar\",\"aaaa/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8));
        entries.put("repositories", "{}".getBytes(StandardCharsets.UTF_8));
        return tar(entries);
    }

    private static byte[] tar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
                header.setSize(entry.getValue().length);
                tar.putArchiveEntry(header);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> entries(byte[] tarBytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(tarBytes))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(entry.getName(), tar.readAllBytes());
            }
        }
        return entries;
    }
}
