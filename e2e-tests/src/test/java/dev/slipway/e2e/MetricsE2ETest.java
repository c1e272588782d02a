package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.dockerjava.api.DockerClient;
import dev.slipway.cli.local.ServiceProcess;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics in a real Prometheus: the four packaged services scraped every second while the ledger
 * test monorepo is released three times (PASSED; FAILED by a container that crashes at start and is
 * rolled back; FAILED by a broken build) and a malformed record is dead-lettered, then once more with a
 * build that keeps the builder busy for 75 s (a stage stuck). Then every query of
 * deploy/grafana/slipway-dashboard.json and every alert expression of deploy/prometheus/slipway-alerts.yml,
 * read from those files, is evaluated through Prometheus's HTTP API.
 */
class MetricsE2ETest {
    private static final String CONTAINER = "slipway-metrics-ledger";
    private static final String IMAGE = "slipway-metrics/ledger";
    private static final Path DASHBOARD = PipelineHarness.repo().resolve("deploy/grafana/slipway-dashboard.json");
    private static final Path ALERTS = PipelineHarness.repo().resolve("deploy/prometheus/slipway-alerts.yml");
    private static final Path STATIC_CONFIG = PipelineHarness.repo().resolve("deploy/prometheus/prometheus-static.yml");

    @TempDir
    static Path work;
    static PipelineHarness harness;
    static DockerClient docker;
    static DockerClient node;
    static PrometheusServer prometheus;

    @BeforeAll
    static void startPipelineAndPrometheus() throws IOException {
        docker = DockerEngines.connect(PipelineHarness.engine());
        // the single node is the second engine, so that the distributor sends it the images (bytes per node)
        node = DockerEngines.connect(PipelineHarness.secondEngine());
        PipelineHarness.removeContainers(node, CONTAINER);
        // a version is built once: this run's versions must not exist from an earlier run
        for (DockerClient engine : List.of(docker, node)) {
            removeImages(engine, IMAGE);
            removeImages(engine, IMAGE + "-slow");
        }
        Path monorepo = Monorepos.copy("ledger", work.resolve("ledger"));
        // and a build that takes 75 s, added to this copy only (the ledger's own context stays as other tests know it)
        Path slow = Path.of("src/test/resources/metrics-slow-build").toAbsolutePath();
        Files.createDirectories(monorepo.resolve("services/slow"));
        Files.copy(slow.resolve("services/slow/Dockerfile"), monorepo.resolve("services/slow/Dockerfile"));
        Files.copy(slow.resolve("slipway-slow-build.yaml"), monorepo.resolve("slipway-slow-build.yaml"));
        // its own container and port, apart from LedgerRolloutE2ETest's
        for (String plan : List.of("slipway-serve.yaml", "slipway-crash.yaml", "slipway-broken-build.yaml",
                "slipway-slow-build.yaml")) {
            Path file = monorepo.resolve(plan);
            Files.writeString(file, Files.readString(file).replace("slipway-e2e-ledger", CONTAINER)
                    .replace("slipway-e2e/ledger", IMAGE).replace("18580", "18590"));
        }
        harness = PipelineHarness.start(monorepo, Map.of("local", PipelineHarness.secondEngine()), work.resolve("run"));
        List<String> targets = harness.pipeline.services().stream().map(ServiceProcess::httpAddress)
                .map(address -> address.orElseThrow().getAuthority()).toList();
        prometheus = PrometheusServer.start(PrometheusServer.config(targets, ALERTS),
                Files.createDirectories(work.resolve("prometheus")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (harness != null) {
            harness.close();
        }
        PipelineHarness.removeContainers(node, CONTAINER);
        node.close();
        docker.close();
    }

    /**
     * Removes the tags of {@code repository} from the engine (an image other tags share stays, untagged from
     * these), so that this run's versions are built and sent again.
     */
    private static void removeImages(DockerClient engine, String repository) {
        engine.listImagesCmd().withImageNameFilter(repository).exec().stream()
                .flatMap(image -> image.getRepoTags() == null ? java.util.stream.Stream.<String>empty()
                        : java.util.Arrays.stream(image.getRepoTags()))
                .filter(tag -> tag.startsWith(repository + ":"))
                .forEach(tag -> engine.removeImageCmd(tag).exec());
    }

    @Test
    void promtoolAcceptsTheAlertRulesAndTheStaticScrapeConfiguration() throws IOException {
        assertThat(PrometheusServer.run(Duration.ofSeconds(30), "promtool", "check", "rules", ALERTS.toString()))
                .contains("SUCCESS: 3 rules found");
        assertThat(PrometheusServer.run(Duration.ofSeconds(30), "promtool", "check", "config", STATIC_CONFIG.toString()))
                .contains("is valid prometheus config file syntax");
    }

    @Test
    void everyDashboardQueryAndEveryAlertReturnsSeriesAfterPassedAndFailedReleases() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> prometheus.targets().size() == 4
                && allHealthy(prometheus.targets()));
        try (KafkaProducer<String, byte[]> producer = harness.clients.producer()) {
            producer.send(new ProducerRecord<>(Topics.defaultName(EventType.BUILD_REQUESTED), "metrics-malformed",
                    "{\"releaseId\": oops".getBytes(StandardCharsets.UTF_8))).get();
        }
        ReleaseId passed = harness.release("slipway-serve.yaml", "1.0.0");
        Verified verdict = harness.awaitVerified(passed);
        assertThat(verdict.verdict()).as(verdict.diagnosis()).isEqualTo(Verdict.PASSED);
        ReleaseId crashed = harness.release("slipway-crash.yaml", "1.1.0");
        assertThat(harness.awaitVerified(crashed).verdict()).isEqualTo(Verdict.FAILED);
        ReleaseId broken = harness.release("slipway-broken-build.yaml", "1.2.0");
        assertThat(harness.awaitVerified(broken).verdict()).isEqualTo(Verdict.FAILED);

        // scraped after the last verdict, and enough samples for the rate() windows
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> value(prometheus.query(
                "sum(slipway_stage_outcomes_total{stage=\"verifier\",outcome=\"FAILED\"})")) == 2.0);
        System.out.println("[metrics] " + prometheus.query("slipway_stage_outcomes_total"));
        System.out.println("[metrics] kafka: " + prometheus.query("kafka_consumer_fetch_manager_records_lag_max"));

        Map<String, String> dashboard = dashboardQueries();
        assertThat(dashboard).hasSizeGreaterThanOrEqualTo(9);
        List<String> empty = new ArrayList<>();
        for (Map.Entry<String, String> panel : dashboard.entrySet()) {
            JsonNode series = prometheus.query(panel.getValue());
            System.out.println("[metrics] panel " + panel.getKey() + ": " + series.size() + " series");
            if (series.isEmpty()) {
                empty.add(panel.getKey() + ": " + panel.getValue());
            }
        }
        assertThat(empty).as("dashboard panels whose query returns no series").isEmpty();

        Map<String, String> alerts = alertExpressions();
        assertThat(alerts).containsKeys("SlipwayReleaseFailed", "SlipwayDeadLetters", "SlipwayStageStuck");
        JsonNode failed = prometheus.query(alerts.get("SlipwayReleaseFailed"));
        assertThat(failed).singleElement().satisfies(s -> {
            assertThat(s.path("metric").path("stage").asText()).isEqualTo("verifier");
            assertThat(s.path("value").get(1).asDouble()).isGreaterThan(0);
        });
        JsonNode deadLetters = prometheus.query(alerts.get("SlipwayDeadLetters"));
        assertThat(deadLetters).singleElement().satisfies(s -> {
            assertThat(s.path("metric").path("stage").asText()).isEqualTo("builder");
            assertThat(s.path("metric").path("topic").asText()).isEqualTo("slipway.build-requested");
        });
        // nothing waiting anywhere: no stage is stuck
        assertThat(prometheus.query(alerts.get("SlipwayStageStuck"))).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> firing(prometheus.alerts()).containsAll(
                List.of("SlipwayReleaseFailed", "SlipwayDeadLetters")));
        assertThat(firing(prometheus.alerts())).doesNotContain("SlipwayStageStuck");

        assertThat(value(prometheus.query("sum(slipway_stage_outcomes_total{stage=\"verifier\",outcome=\"PASSED\"})")))
                .isEqualTo(1.0);
        assertThat(value(prometheus.query("sum(slipway_rollout_failures_total{reason=\"crash\"})"))).isEqualTo(1.0);
        assertThat(value(prometheus.query("sum(slipway_stage_outcomes_total{stage=\"builder\",outcome=\"FAILED\"})")))
                .isEqualTo(1.0);
        assertThat(value(prometheus.query("sum(slipway_node_distribution_bytes_total{node=\"local\"})"))).isGreaterThan(0);
        assertThat(prometheus.query("{__name__=~\"slipway_.+\", release=~\".+\"}")).as("no release id label").isEmpty();

        // a build that holds the builder for 75 s: a record in progress and nothing acknowledged for a minute
        ReleaseId slow = harness.release("slipway-slow-build.yaml", "1.3.0");
        String stuck = alerts.get("SlipwayStageStuck");
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> stages(prometheus.query(stuck)), stages -> stages.equals(List.of("builder")));
        assertThat(harness.awaitVerified(slow).verdict()).isEqualTo(Verdict.FAILED);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> prometheus.query(stuck).isEmpty());
    }

    private static List<String> stages(JsonNode series) {
        List<String> stages = new ArrayList<>();
        series.forEach(s -> stages.add(s.path("metric").path("stage").asText()));
        return stages;
    }

    private static boolean allHealthy(JsonNode targets) {
        for (JsonNode target : targets) {
            if (!"up".equals(target.path("health").asText())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> firing(JsonNode alerts) {
        List<String> names = new ArrayList<>();
        alerts.forEach(a -> {
            if ("firing".equals(a.path("state").asText())) {
                names.add(a.path("labels").path("alertname").asText());
            }
        });
        return names;
    }

    private static double value(JsonNode result) {
        return result.isEmpty() ? Double.NaN : result.get(0).path("value").get(1).asDouble();
    }

    /** Panel title to query, for every target of every panel of the dashboard file. */
    private static Map<String, String> dashboardQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(panel.path("title").asText() + " " + target.path("refId").asText(), target.path("expr").asText());
            }
        }
        return queries;
    }

    /** Alert name to expression, for every rule of the alert rules file. */
    private static Map<String, String> alertExpressions() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (JsonNode group : new YAMLMapper().readTree(ALERTS.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                expressions.put(rule.path("alert").asText(), rule.path("expr").asText());
            }
        }
        return expressions;
    }
}
