package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.kafka.TopicSnapshot;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slipway itself deployed on the real cluster of scripts/cluster.sh by deploy/ ({@code kubectl apply -k}, the
 * images of scripts/images.sh already on every node): Kafka as a StatefulSet, the topics by the Job, the five
 * services as Deployments reaching Kafka and the API server through Services (kube-proxy, no cluster DNS), the
 * builder and the distributor on the build host's engine over TLS. The example shop is released from outside the
 * cluster with the packaged CLI against the broker's pod IP and passes; then, with two distributors, one is deleted
 * while it distributes and the release still ends with exactly one verdict, PASSED.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterDeploymentE2ETest {
    static final Duration READY_TIMEOUT = Duration.ofMinutes(6);
    @TempDir
    static Path work;
    static TestCluster cluster;
    static SlipwayDeployment slipway;
    static Path shop;
    static String bootstrap;
    static Instant started;
    /** This run's versions: the build host keeps earlier runs' images, and a version is built once. */
    static final String RUN = String.valueOf(System.currentTimeMillis() / 1000);

    @BeforeAll
    static void deploySlipway() {
        started = Instant.now();
        cluster = TestCluster.fromEnvironment();
        Path example = PipelineHarness.repo().resolve("examples/shop");
        assertThat(example.resolve("vendor/busybox")).as("the shop's busybox: run scripts/vendor-busybox.sh").isRegularFile();
        // the checkout the builder's volume holds: a git repository of the example, committed, readable by every user
        // (a hostPath every node sees: this machine's filesystem), outside the test's private temporary folder
        shop = SourceCheckout.of(example, PipelineHarness.repo().resolve("e2e-tests/target/cluster-deploy/shop"));
        slipway = SlipwayDeployment.applyForShop(cluster, shop, work, READY_TIMEOUT);
        bootstrap = slipway.kafkaBootstrap();
        System.out.printf("Slipway deployed and Ready in %d s; Kafka at %s%n",
                Duration.between(started, Instant.now()).toSeconds(), bootstrap);
    }

    @AfterAll
    static void removeSlipway() {
        SlipwayDeployment.deleteForShop(cluster, slipway);
        if (started != null) {
            System.out.printf("ClusterDeploymentE2ETest took %d s%n", Duration.between(started, Instant.now()).toSeconds());
        }
    }

    @Test
    @Order(1)
    void theExampleReleasedWithTheCliFromOutsideTheClusterPasses() {
        PodMemory memory = new PodMemory();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> memory.sample(slipway.pods().stream().map(p -> p.getMetadata().getName()).toList()),
                0, 500, TimeUnit.MILLISECONDS);
        String id;
        SlipwayCli.Result watched;
        Instant requested = Instant.now();
        try {
            id = release("1.0.0-" + RUN);
            watched = SlipwayCli.run(Duration.ofMinutes(5), "watch", id, "--timeout", "4m", "--bootstrap-servers", bootstrap);
        } finally {
            sampler.shutdownNow();
        }
        System.out.printf("release %s: verdict after %d s%n", id, Duration.between(requested, Instant.now()).toSeconds());
        System.out.println("peak RSS of each pod's JVM during the release (VmRSS):");
        new TreeMap<>(memory.peakKilobytes()).forEach((pod, kb) -> System.out.printf("  %-45s %6d MB%n", pod, kb / 1024));

        assertThat(watched.exitCode()).as(watched.stdout() + watched.stderr()).isZero();
        assertThat(watched.stdout()).contains("release " + id).contains("PASSED");
        assertThat(verdicts(id)).singleElement().satisfies(verified ->
                assertThat(verified.verdict()).as(verified.diagnosis()).isEqualTo(Verdict.PASSED));
        assertThat(imageOf("web")).isEqualTo("slipway-example/web:1.0.0-" + RUN);
        assertThat(imageOf("api")).isEqualTo("slipway-example/api:1.0.0-" + RUN);
        assertThat(memory.peakKilobytes()).as("every service's JVM was measured")
                .hasSizeGreaterThanOrEqualTo(SlipwayDeployment.DEPLOYMENTS.size());
    }

    @Test
    @Order(2)
    void aDistributorDeletedWhileItDistributesLeavesOneVerdictPassed() throws Exception {
        cluster.kubectl("-n", SlipwayDeployment.NAMESPACE, "scale", "deployment", "slipway-distributor", "--replicas=2");
        slipway.awaitReady(2, READY_TIMEOUT);
        List<Pod> distributors = slipway.readyPods("slipway-distributor");
        assertThat(distributors).hasSize(2);

        String id = release("1.1.0-" + RUN);
        Pod busy = awaitDistributing(distributors, Duration.ofMinutes(3));
        cluster.kubectl("-n", SlipwayDeployment.NAMESPACE, "delete", "pod", busy.getMetadata().getName(), "--wait=false");
        System.out.printf("deleted %s while it distributed release %s%n", busy.getMetadata().getName(), id);
        SlipwayCli.Result watched = SlipwayCli.run(Duration.ofMinutes(5), "watch", id, "--timeout", "4m", "--bootstrap-servers", bootstrap);

        assertThat(watched.exitCode()).as(watched.stdout() + watched.stderr()).isZero();
        assertThat(watched.stdout()).contains("PASSED");
        // late redeliveries would show as a second verdict: give them the consumer session's time to land
        Thread.sleep(15_000);
        assertThat(verdicts(id)).singleElement().satisfies(verified ->
                assertThat(verified.verdict()).as(verified.diagnosis()).isEqualTo(Verdict.PASSED));
        assertThat(imageOf("web")).isEqualTo("slipway-example/web:1.1.0-" + RUN);
        assertThat(imageOf("api")).isEqualTo("slipway-example/api:1.1.0-" + RUN);
    }

    private static String release(String version) {
        SlipwayCli.Result released = SlipwayCli.run(Duration.ofMinutes(2), "release", shop.resolve("slipway-kubernetes.yaml").toString(),
                "--version", version, "--bootstrap-servers", bootstrap);
        assertThat(released.exitCode()).as(released.stderr()).isZero();
        return released.stdout().strip();
    }

    /** The distributor pod that first reports a record in progress (its /q/metrics, read from this machine). */
    private static Pod awaitDistributing(List<Pod> distributors, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Pod pod : distributors) {
                Optional<String> metrics = metrics(http, pod);
                if (metrics.isPresent() && metrics.get().lines().anyMatch(line -> line.startsWith("slipway_records_in_progress{")
                        && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) > 0)) {
                    return pod;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("neither distributor reported a record in progress within " + timeout);
    }

    private static Optional<String> metrics(HttpClient http, Pod pod) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + pod.getStatus().getPodIP()
                    + ":8080/q/metrics")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every Verified of the release on slipway.verified, read from the broker as any consumer would. */
    private static List<Verified> verdicts(String id) {
        return TopicSnapshot.read(new KafkaClients(bootstrap), Topics.defaultName(EventType.VERIFIED)).stream()
                .filter(record -> id.equals(record.key()))
                .map(record -> EventCodec.instance().<Verified>decode(EventType.VERIFIED, new String(record.value(), StandardCharsets.UTF_8)))
                .toList();
    }

    private static String imageOf(String deployment) {
        return cluster.admin.apps().deployments().inNamespace(SlipwayDeployment.SHOP).withName(deployment).get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage();
    }
}
