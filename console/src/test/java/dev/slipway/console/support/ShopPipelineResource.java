package dev.slipway.console.support;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.KafkaContainerBroker;
import dev.slipway.cli.local.LocalPipeline;
import dev.slipway.cli.local.RepoRoot;
import dev.slipway.docker.DockerEngines;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline for a {@code @QuarkusTest} of the console: a Kafka broker in a container of the image built here
 * ({@link KafkaContainerBroker}, given to the pipeline as {@code slipway local --bootstrap-servers} does) and the four
 * packaged services
 * (started by the same {@link LocalPipeline} as {@code slipway local}, from this worktree's {@code *}{@code /target/quarkus-app}),
 * the example's nodes being the test Docker engine; the console is pointed at that broker. The example's containers
 * ({@code shop-}) are removed before and after.
 */
public class ShopPipelineResource implements QuarkusTestResourceLifecycleManager {
    private static KafkaBroker broker;
    private static LocalPipeline pipeline;
    private static Path repo;
    private static String engine;

    public static LocalPipeline pipeline() {
        return pipeline;
    }

    public static Path repo() {
        return repo;
    }

    @Override
    public Map<String, String> start() {
        repo = RepoRoot.find(Path.of("").toAbsolutePath());
        engine = DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV);
        removeShopContainers();
        try {
            Path runFolder = Files.createTempDirectory("console-pipeline");
            broker = KafkaContainerBroker.start();
            pipeline = LocalPipeline.start(new LocalPipeline.Settings(repo, engine, repo.resolve("examples/shop"), runFolder,
                    Duration.ofMinutes(3)).withExternalBroker(broker.bootstrapServers()),
                    line -> System.out.println("[pipeline] " + line));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("kafka.bootstrap.servers", pipeline.bootstrapServers());
    }

    @Override
    public void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (broker != null) {
            broker.close();
        }
        removeShopContainers();
    }

    private static void removeShopContainers() {
        try (DockerClient docker = DockerEngines.connect(engine)) {
            docker.listContainersCmd().withShowAll(true).exec().stream()
                    .filter(c -> List.of(c.getNames()).stream().anyMatch(n -> n.startsWith("/shop-")))
                    .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
