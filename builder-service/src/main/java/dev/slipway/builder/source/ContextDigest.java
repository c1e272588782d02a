package dev.slipway.builder.source;

import dev.slipway.builder.decision.BuildSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a build reads, as one digest ({@code sha256:<hex>}): every entry of the build context in path order
 * (its relative path, whether it is a folder, a file or a symbolic link, a file's executable bit and content,
 * a link's target), the Dockerfile's path inside the context and the build args. Git's own folders
 * ({@code .git}) are left out; times and owners are not part of it, so a fresh clone of the same commit gives
 * the same digest. {@code .dockerignore} is not applied: a change to an ignored file changes the digest too.
 */
public final class ContextDigest {
    private ContextDigest() {}

    public static String of(BuildSource source, Map<String, String> buildArgs) {
        MessageDigest digest = sha256();
        Path context = source.context();
        try (Stream<Path> walk = Files.walk(context)) {
            List<Path> entries = walk.filter(path -> !path.equals(context))
                    .filter(path -> !isGitFolder(context.relativize(path)))
                    .sorted()
                    .toList();
            for (Path path : entries) {
                add(digest, context.relativize(path).toString());
                if (Files.isSymbolicLink(path)) {
                    add(digest, "link");
                    add(digest, Files.readSymbolicLink(path).toString());
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    add(digest, "folder");
                } else {
                    add(digest, executable(path) ? "file+x" : "file");
                    addContent(digest, path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the build context " + context + " to digest it: " + e.getMessage(), e);
        }
        add(digest, "dockerfile");
        add(digest, context.relativize(source.dockerfile()).toString());
        new TreeMap<>(buildArgs).forEach((name, value) -> {
            add(digest, "arg");
            add(digest, name);
            add(digest, value);
        });
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static boolean isGitFolder(Path relative) {
        for (Path part : relative) {
            if (part.toString().equals(".git")) {
                return true;
            }
        }
        return false;
    }

    private static boolean executable(Path path) throws IOException {
        try {
            return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return Files.isExecutable(path);
        }
    }

    /** A length-prefixed string, so that no two different sequences of entries give the same bytes. */
    private static void add(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(lengthOf(bytes.length));
        digest.update(bytes);
    }

    private static void addContent(MessageDigest digest, Path file) throws IOException {
        digest.update(lengthOf(Files.size(file)));
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
    }

    private static byte[] lengthOf(long length) {
        return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(length).array();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
