package dev.slipway.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.cli.support.Slipway;
import dev.slipway.docker.DockerEngines;
import dev.slipway.cli.support.Slipway.Run;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPipelineTest {
    @TempDir
    Path repo;

    @Test
    void saysWhichServiceJarsAreMissingAndHowToBuildThem() throws IOException {
        fakeRepository();
        List<String> progress = new ArrayList<>();

        assertThatThrownBy(() -> LocalPipeline.start(new LocalPipeline.Settings(repo, "unix:///nowhere/docker.sock", repo,
                repo.resolve("run"), Duration.ofSeconds(5)), progress::add))
                .isInstanceOf(LocalPipelineException.class)
                .hasMessage("builder-service/target/quarkus-app/quarkus-run.jar, "
                        + "distributor-service/target/quarkus-app/quarkus-run.jar, "
                        + "rollout-service/target/quarkus-app/quarkus-run.jar, "
                        + "verifier-service/target/quarkus-app/quarkus-run.jar not found under " + repo
                        + ": build with ./mvnw -DskipTests package");
        assertThat(progress).isEmpty();
    }

    @Test
    void localExitsTwoWithTheReasonWhenItCannotStart() throws IOException {
        fakeRepository();

        Run run = Slipway.run("local", "--repo", repo.toString(), "../examples/shop/slipway.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("builder-service/target/quarkus-app/quarkus-run.jar")
                .contains("not found under " + repo + ": build with ./mvnw -DskipTests package");
    }

    @Test
    void saysWhenTheDockerEngineDoesNotAnswer() throws IOException {
        fakeRepository();
        fakeServiceJars();
        String engine = "unix://" + repo.resolve("no-docker.sock");

        assertThatThrownBy(() -> LocalPipeline.start(new LocalPipeline.Settings(repo, engine, repo, repo.resolve("run"),
                Duration.ofSeconds(5)), line -> { }))
                .isInstanceOf(LocalPipelineException.class)
                .hasMessageStartingWith("cannot reach the Docker engine at " + engine + ": ")
                .hasMessageEndingWith("Start one (scripts/engines.sh start) and pass --engine or set SLIPWAY_DOCKER_HOST.");
        assertThat(repo.resolve("run")).doesNotExist();
    }

    @Test
    void localRefusesABootstrapAddressThatIsNotHostAndPort() throws IOException {
        fakeRepository();

        Run run = Slipway.run("local", "--repo", repo.toString(), "--bootstrap-servers", "kafka;rm -rf /",
                "../examples/shop/slipway.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--bootstrap-servers 'kafka;rm -rf /' is not a Kafka address such as kafka:9092");
    }

    @Test
    void saysWhenTheKafkaItIsGivenDoesNotAnswer() throws IOException {
        fakeRepository();
        fakeServiceJars();
        String engine = DockerEngines.testEngine(DockerEngines.TEST_ENGINE_ENV);
        String nobody = "127.0.0.1:" + closedPort();

        assertThatThrownBy(() -> LocalPipeline.start(new LocalPipeline.Settings(repo, engine, repo, repo.resolve("run"),
                Duration.ofSeconds(5)).withExternalBroker(nobody), line -> { }))
                .isInstanceOf(LocalPipelineException.class)
                .hasMessage("cannot reach the Kafka broker at " + nobody + " within 10 s (--bootstrap-servers): is it running "
                        + "and is the address right?");
    }

    @Test
    void findsTheRepositoryFromAFolderInsideIt() throws IOException {
        fakeRepository();
        Path inside = Files.createDirectories(repo.resolve("examples/shop"));

        assertThat(RepoRoot.find(inside)).isEqualTo(repo);
    }

    @Test
    void saysWhenNoRepositoryIsFound() {
        assertThatThrownBy(() -> RepoRoot.find(repo)).isInstanceOf(LocalPipelineException.class)
                .hasMessage("no Slipway repository at or above " + repo + ": run from the repository or pass --repo");
    }

    private void fakeServiceJars() throws IOException {
        for (String module : List.of("builder", "distributor", "rollout", "verifier")) {
            Path jar = repo.resolve(module + "-service/target/quarkus-app/quarkus-run.jar");
            Files.createDirectories(jar.getParent());
            Files.writeString(jar, "not started in this test");
        }
    }

    /** A loopback port nothing listens on (bound, then released). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void fakeRepository() throws IOException {
        Files.writeString(repo.resolve("pom.xml"), "<project><artifactId>slipway-parent</artifactId></project>");
        Files.createDirectories(repo.resolve("builder-service"));
    }
}
