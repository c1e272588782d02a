package dev.slipway.distributor.layers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Turns one read of an image's {@code docker save} archive into an OCI image layout tar that carries the
 * image's manifest and config but only the layers a node lacks, for {@code ctr images import}. The node's
 * containerd finds the other layers in its content store; the import then resolves and unpacks the image
 * whole (checked on containerd 1.6 in {@code SshContainerdDistributionTest}).
 *
 * <p>The manifest is the one containerd itself writes when it imports the full archive (a Docker schema 2
 * manifest of uncompressed layers, same fields, same order), so the image has the same manifest digest on
 * every node however it got there. Layers stream through; only the config is held in memory.
 */
public final class OciLayoutWriter {
    static final String MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
    static final String CONFIG_TYPE = "application/vnd.docker.container.image.v1+json";
    static final String LAYER_TYPE = "application/vnd.docker.image.rootfs.diff.tar";
    /** The annotation containerd's importer names the image by. */
    static final String IMAGE_NAME_ANNOTATION = "io.containerd.image.name";

    private OciLayoutWriter() {}

    /**
     * @param saveArchive the image's {@code docker save} archive, read to its end
     * @param index the archive's index, from an earlier read of the same image
     * @param send the layer digests to include; every other layer is left out
     * @param imageName the name containerd gives the image, e.g. {@code docker.io/team/app:1.0}
     */
    public static void write(InputStream saveArchive, SaveArchiveIndex index, Set<String> send, String imageName,
            OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        file(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        Set<String> written = new HashSet<>();
        boolean configWritten = false;
        TarArchiveInputStream in = new TarArchiveInputStream(saveArchive);
        TarArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            if (!entry.isFile()) {
                continue;
            }
            if (entry.getName().equals(index.configEntry())) {
                byte[] config = SaveArchiveIndexer.readSmall(in, entry);
                if (!sha256(config).equals(index.config().value())) {
                    throw new IOException("the archive's config " + entry.getName() + " is not the image " + index.config()
                            + ": the image changed between two reads of it");
                }
                file(tar, blobPath(index.config().value()), config);
                configWritten = true;
                continue;
            }
            var layer = index.layerAt(entry.getName());
            if (layer.isPresent() && send.contains(layer.get().digest()) && written.add(layer.get().digest())) {
                TarArchiveEntry blob = new TarArchiveEntry(blobPath(layer.get().digest()));
                blob.setSize(entry.getSize());
                tar.putArchiveEntry(blob);
                in.transferTo(tar);
                tar.closeArchiveEntry();
            }
        }
        if (!configWritten) {
            throw new IOException("the archive lacks the image's config " + index.configEntry());
        }
        Set<String> missing = send.stream().filter(digest -> !written.contains(digest)).collect(Collectors.toSet());
        if (!missing.isEmpty()) {
            throw new IOException("the archive lacks the layers " + missing + " of " + index.config());
        }
        byte[] manifest = manifest(index).getBytes(StandardCharsets.UTF_8);
        String manifestDigest = sha256(manifest);
        file(tar, blobPath(manifestDigest), manifest);
        file(tar, "index.json", index(manifestDigest, manifest.length, imageName).getBytes(StandardCharsets.UTF_8));
        tar.finish();
        tar.flush();
    }

    /** The manifest containerd writes for the image when importing its docker save archive. */
    static String manifest(SaveArchiveIndex index) {
        String layers = index.layers().stream()
                .map(layer -> descriptor(LAYER_TYPE, layer.digest(), layer.size()))
                .collect(Collectors.joining(","));
        return "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\",\"config\":"
                + descriptor(CONFIG_TYPE, index.config().value(), index.configSize()) + ",\"layers\":[" + layers + "]}";
    }

    private static String index(String manifestDigest, long manifestSize, String imageName) {
        if (!imageName.matches("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,511}")) {
            throw new IllegalArgumentException("image name '" + imageName + "' is not a valid reference");
        }
        return "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + MANIFEST_TYPE + "\",\"digest\":\"" + manifestDigest
                + "\",\"size\":" + manifestSize + ",\"annotations\":{\"" + IMAGE_NAME_ANNOTATION + "\":\"" + imageName
                + "\"}}]}";
    }

    private static String descriptor(String mediaType, String digest, long size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Digests.sha256(digest) + "\",\"size\":" + size + "}";
    }

    private static String blobPath(String digest) {
        return "blobs/sha256/" + Digests.hex(digest);
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
