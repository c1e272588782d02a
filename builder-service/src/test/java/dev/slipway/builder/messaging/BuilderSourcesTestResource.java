package dev.slipway.builder.messaging;

import dev.slipway.builder.TestSources;
import dev.slipway.docker.DockerEngines;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * A monorepo in a temporary folder (services/api and services/web, busybox images FROM scratch) as
 * the builder's source root, and the test engine as its engine. Injects {@link BuilderSources}.
 */
public class BuilderSourcesTestResource implements QuarkusTestResourceLifecycleManager {
    private BuilderSources sources;
    private Path temp;

    @Override
    public Map<String, String> start() {
        try {
            temp = Files.createTempDirectory(TestSources.PREFIX);
            Path root = Files.createDirectories(temp.resolve("monorepo")).toRealPath();
            TestSources.service(root, "services/api", TestSources.BUSYBOX_SERVICE);
            TestSources.service(root, "services/web", TestSources.BUSYBOX_SERVICE);
            TestSources.service(temp, "outside", TestSources.BUSYBOX_SERVICE);
            sources = new BuilderSources(root, DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV));
            return Map.of("slipway.builder.source-root", root.toString(), "slipway.builder.engine", sources.engine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(sources, new TestInjector.MatchesType(BuilderSources.class));
    }

    @Override
    public void stop() {
        if (temp == null) {
            return;
        }
        try {
            Files.walkFileTree(temp, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
