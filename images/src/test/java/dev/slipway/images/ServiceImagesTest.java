package dev.slipway.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Each service image as a cluster runs it: read-only root filesystem with only /tmp writable, the image's own
 * non-root user, its configuration from /deployments/config/application.properties (the ConfigMap's place) pointing
 * it at a broker of slipway/kafka; its liveness and readiness endpoints answer 200 on the image's HTTP port.
 */
class ServiceImagesTest {

    private static Network network;
    private static KafkaContainer kafka;

    @BeforeAll
    static void startKafka() {
        network = Network.newNetwork();
        kafka = new KafkaContainer(SlipwayImages.kafka()).withNetwork(network).withListener("kafka:19092");
        kafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.stop();
        }
        if (network != null) {
            network.close();
        }
    }

    @ParameterizedTest(name = "{0} on port {1}")
    @CsvSource({
        "builder-service, 8080, slipway.builder.source-root=/tmp",
        "distributor-service, 8080, slipway.distributor.source-engine=unix:///var/run/docker.sock;slipway.nodes.vps-1.engine=unix:///var/run/docker.sock",
        "rollout-service, 8080, ''",
        "verifier-service, 8080, ''",
        "console, 8480, ''",
    })
    void runsReadOnlyAsNonRootAndAnswersItsHealthEndpoints(String module, int port, String settings,
            @TempDir Path config) throws Exception {
        // What a ConfigMap mounted on /deployments/config holds: the broker, and what the service cannot start without.
        Files.writeString(config.resolve("application.properties"), "kafka.bootstrap.servers=kafka:19092\n"
                + settings.replace(';', '\n') + "\n");
        config.toFile().setReadable(true, false);
        config.resolve("application.properties").toFile().setReadable(true, false);
        config.toFile().setExecutable(true, false);
        try (GenericContainer<?> service = new GenericContainer<>(SlipwayImages.service(module))
                .withNetwork(network)
                .withExposedPorts(port)
                .withFileSystemBind(config.toString(), "/deployments/config", BindMode.READ_ONLY)
                .withTmpFs(Map.of("/tmp", "rw,size=64m"))
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withReadonlyRootfs(true))
                .waitingFor(Wait.forHttp("/q/health/live").forPort(port).forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(2)))) {
            service.start();

            InspectContainerResponse inspected = service.getContainerInfo();
            assertThat(inspected.getHostConfig().getReadonlyRootfs()).as("read-only root filesystem").isTrue();
            assertThat(inspected.getConfig().getUser()).as("the image's user").isEqualTo("10001");
            assertThat(service.execInContainer("id", "-u").getStdout().trim()).as("uid of a process in it").isEqualTo("10001");
            assertThat(service.execInContainer("sh", "-c", "touch /deployments/x").getExitCode())
                    .as("writing to the root filesystem").isNotZero();

            String base = "http://" + service.getHost() + ":" + service.getMappedPort(port);
            assertThat(get(base + "/q/health/live")).as("%s /q/health/live", module).startsWith("200 ");
            // Readiness needs the broker named only in the mounted application.properties: UP shows it was read.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String ready = get(base + "/q/health/ready");
            while (!ready.startsWith("200 ") && System.nanoTime() < deadline) {
                Thread.sleep(500);
                ready = get(base + "/q/health/ready");
            }
            assertThat(ready).as("%s /q/health/ready; its log:%n%s", module, service.getLogs()).startsWith("200 ");
            assertThat(service.getLogs()).as("%s log", module).doesNotContain("Read-only file system");
        }
    }

    /** "status body" of a GET. */
    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
