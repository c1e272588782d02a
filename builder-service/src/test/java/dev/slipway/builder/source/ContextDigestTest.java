package dev.slipway.builder.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.builder.decision.BuildSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextDigestTest {
    @TempDir
    Path temp;

    @Test
    void theSameFilesInAnotherFolderGiveTheSameDigestAndAnyChangeOfInputAnother() throws Exception {
        BuildSource one = context("one");
        BuildSource two = context("two");
        String digest = ContextDigest.of(one, Map.of("A", "1"));

        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        assertThat(ContextDigest.of(two, Map.of("A", "1"))).isEqualTo(digest);

        assertThat(ContextDigest.of(two, Map.of("A", "2"))).as("a build arg").isNotEqualTo(digest);
        Files.writeString(two.context().resolve("src/app.txt"), "hello!\n");
        assertThat(ContextDigest.of(two, Map.of("A", "1"))).as("a file's content").isNotEqualTo(digest);
        Files.writeString(two.context().resolve("src/app.txt"), "hello\n");
        assertThat(ContextDigest.of(two, Map.of("A", "1"))).isEqualTo(digest);
        Files.setPosixFilePermissions(two.context().resolve("src/app.txt"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(ContextDigest.of(two, Map.of("A", "1"))).as("the executable bit").isNotEqualTo(digest);
    }

    @Test
    void aLinksTargetCountsAndGitsOwnFolderDoesNot() throws Exception {
        BuildSource one = context("one");
        String digest = ContextDigest.of(one, Map.of());

        Files.createDirectories(one.context().resolve(".git")).resolve("index").toFile().createNewFile();
        assertThat(ContextDigest.of(one, Map.of())).isEqualTo(digest);

        Files.delete(one.context().resolve("link"));
        Files.createSymbolicLink(one.context().resolve("link"), Path.of("Dockerfile"));
        assertThat(ContextDigest.of(one, Map.of())).isNotEqualTo(digest);
    }

    private BuildSource context(String name) throws Exception {
        Path context = Files.createDirectories(temp.resolve(name));
        Files.createDirectories(context.resolve("src"));
        Files.writeString(context.resolve("src/app.txt"), "hello\n");
        Files.setPosixFilePermissions(context.resolve("src/app.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY src /src\n");
        Files.createSymbolicLink(context.resolve("link"), Path.of("src/app.txt"));
        return new BuildSource(context, context.resolve("Dockerfile"));
    }
}
