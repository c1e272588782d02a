package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.cli.SlipwayCli;
import dev.slipway.cli.local.LocalPipeline;
import dev.slipway.cli.local.PipelineService;
import dev.slipway.cli.local.ServiceProcess;
import dev.slipway.docker.DockerEngines;
import dev.slipway.e2e.secured.SecuredKafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled example released through the four packaged services on a secured Kafka: the Kafka image built here with
 * a SASL_SSL listener and StandardAuthorizer holding exactly the ACLs of {@code deploy/strimzi/030-KafkaUsers.yaml},
 * each stage connecting as its own KafkaUser with nothing but its {@code slipway.kafka.*} settings (a password file
 * and the CA file, as a Deployment mounts Strimzi's Secrets), and the release published and watched with the CLI as
 * {@code slipway-cli}.
 */
class SecuredShopReleaseE2ETest {
    @TempDir
    static Path folder;
    static SecuredKafkaBroker broker;
    static LocalPipeline pipeline;
    static DockerClient docker;

    @BeforeAll
    static void startPipelineOnTheSecuredBroker() {
        docker = DockerEngines.connect(PipelineHarness.engine());
        PipelineHarness.removeContainers(docker, "shop-");
        PipelineHarness.removeImages(docker, "slipway-example/");
        broker = SecuredKafkaBroker.startForSlipway(folder.resolve("kafka"),
                PipelineHarness.repo().resolve("deploy/strimzi/030-KafkaUsers.yaml"));
        LocalPipeline.Settings settings = PipelineHarness.settings(PipelineHarness.repo().resolve("examples/shop"),
                Map.of(PipelineService.LOCAL_NODE, PipelineHarness.engine()), folder.resolve("run"));
        for (PipelineService service : PipelineService.values()) {
            Map<String, String> secured = new HashMap<>(broker.serviceSettings(user(service)));
            secured.put("kafka.bootstrap.servers", broker.bootstrapServers());
            settings = settings.withProperties(service, secured);
        }
        pipeline = LocalPipeline.start(settings, line -> System.out.println("[pipeline] " + line));
    }

    @AfterAll
    static void stop() throws Exception {
        if (pipeline != null) {
            pipeline.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (docker != null) {
            PipelineHarness.removeContainers(docker, "shop-");
            docker.close();
        }
    }

    private static String user(PipelineService service) {
        return "slipway-" + service.name().toLowerCase(Locale.ROOT);
    }

    @Test
    void theExampleReleasedWithTheCliPassesWithEveryStageUnderItsOwnUser() throws Exception {
        String[] cli = {"--bootstrap-servers", broker.bootstrapServers(), "--sasl-username", "slipway-cli",
                "--sasl-password-file", broker.passwordFile("slipway-cli").toString(),
                "--tls-ca-file", broker.certificates().ca().toString()};

        // the plan from a copy outside any git checkout, so the release carries no commit and the builder builds its
        // source root's working tree (vendor/busybox is not committed), as slipway local does
        Path plan = copyOfTheExample().resolve("slipway.yaml");
        Run release = slipway(concat(new String[] {"release", plan.toString(), "--version", "8.0.0", "--allow-dirty"}, cli));
        assertThat(release.exitCode()).as(release.err()).isZero();
        String id = release.out().strip();

        Run watch = slipway(concat(new String[] {"watch", id, "--timeout", "3m"}, cli));

        assertThat(watch.exitCode()).as(watch.out() + watch.err()).isZero();
        assertThat(watch.out()).contains("release " + id).contains("PASSED");
        for (PipelineService service : PipelineService.values()) {
            List<ServiceProcess> processes = pipeline.instances(service);
            String log = Files.readString(processes.get(0).log());
            assertThat(log).contains("Kafka clients connect to " + broker.bootstrapServers() + " with SASL_SSL SCRAM-SHA-512 as "
                    + user(service));
            assertThat(log).doesNotContain(Files.readString(broker.passwordFile(user(service))).strip());
        }
    }

    private static Path copyOfTheExample() throws java.io.IOException {
        Path source = PipelineHarness.repo().resolve("examples/shop");
        Path copy = folder.resolve("shop");
        try (var files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run slipway(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SlipwayCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
