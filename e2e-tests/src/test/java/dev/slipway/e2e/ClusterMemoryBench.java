package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (run by scripts/bench-cluster-memory.sh, never by CI): the peak resident memory of each
 * Slipway service's JVM in its pod during the example release, with the JVM options the images set against a
 * baseline of the options the local default used before the images existed ({@code -XX:+UseSerialGC
 * -XX:TieredStopAtLevel=1}, JVM default heap). Slipway is deployed once by deploy/ as in {@link ClusterDeploymentE2ETest};
 * each round restarts the five services with one setting's {@code JAVA_OPTS} (interleaved, so drift of the shared
 * machine hits both alike), releases the example from outside with the CLI, samples each pod's VmRSS every 250 ms until
 * the verdict, and keeps the peak. Prints, and writes to e2e-tests/target/cluster-memory.md, the median peak per service
 * and setting, the ratio, and the sum of the four stages.
 */
class ClusterMemoryBench {
    static final String BASELINE = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    static final String IMAGE_DEFAULTS = "";
    static final Path REPORT = PipelineHarness.repo().resolve("e2e-tests/target/cluster-memory.md");
    @TempDir
    static Path work;
    static TestCluster cluster;
    static SlipwayDeployment slipway;
    static Path shop;
    static String bootstrap;
    static final String RUN = String.valueOf(System.currentTimeMillis() / 1000);

    @BeforeAll
    static void deploySlipway() {
        cluster = TestCluster.fromEnvironment();
        shop = SourceCheckout.of(PipelineHarness.repo().resolve("examples/shop"),
                PipelineHarness.repo().resolve("e2e-tests/target/cluster-memory/shop"));
        slipway = SlipwayDeployment.applyForShop(cluster, shop, work, ClusterDeploymentE2ETest.READY_TIMEOUT);
        bootstrap = slipway.kafkaBootstrap();
    }

    /** Removes Slipway unless -Dslipway.bench.keep=true (to look into the pods of the last setting afterwards). */
    @AfterAll
    static void removeSlipway() {
        if (Boolean.getBoolean("slipway.bench.keep")) {
            System.out.println("kept Slipway deployed in namespace " + SlipwayDeployment.NAMESPACE + " (slipway.bench.keep)");
            cluster.close();
            return;
        }
        SlipwayDeployment.deleteForShop(cluster, slipway);
    }

    @Test
    void peakRssOfEachServiceDuringTheExampleRelease() {
        int rounds = Integer.getInteger("slipway.bench.rounds", 3);
        Map<String, String> settings = new LinkedHashMap<>();
        // -Dslipway.bench.baseline-opts=... replaces the baseline ("" for the images' defaults)
        String baseline = System.getProperty("slipway.bench.baseline-opts", BASELINE);
        settings.put(baseline.equals(BASELINE) ? "baseline (" + BASELINE + ", default heap)"
                : baseline.isEmpty() ? "baseline: image defaults (images/service/Dockerfile)" : "baseline: " + baseline, baseline);
        // -Dslipway.bench.java-opts=... measures other options against the baseline (the images' defaults otherwise)
        String javaOpts = System.getProperty("slipway.bench.java-opts", IMAGE_DEFAULTS);
        settings.put(javaOpts.isEmpty() ? "image defaults (images/service/Dockerfile)" : javaOpts, javaOpts);
        Map<String, Map<String, List<Long>>> peaks = new LinkedHashMap<>();
        settings.keySet().forEach(name -> peaks.put(name, new LinkedHashMap<>()));
        int release = 0;
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                restartWith(setting.getValue());
                Map<String, Long> peak = releaseAndSample("1." + round + "." + release++ + "-" + RUN);
                System.out.printf("round %d, %s: %s%n", round, setting.getKey(), peak);
                peak.forEach((service, kb) -> peaks.get(setting.getKey()).computeIfAbsent(service, s -> new ArrayList<>()).add(kb));
            }
        }
        String report = report(rounds, settings, peaks);
        System.out.println(report);
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets (or, for the image's defaults, removes) JAVA_OPTS on every service and waits for the new pods. */
    private static void restartWith(String javaOpts) {
        for (String deployment : SlipwayDeployment.DEPLOYMENTS) {
            String env = javaOpts.isEmpty() ? "JAVA_OPTS-" : "JAVA_OPTS=" + javaOpts;
            cluster.kubectl("-n", SlipwayDeployment.NAMESPACE, "set", "env", "deployment/" + deployment, env);
            // the same setting twice changes nothing: restart anyway, each round starts from fresh JVMs
            cluster.kubectl("-n", SlipwayDeployment.NAMESPACE, "rollout", "restart", "deployment/" + deployment);
        }
        for (String deployment : SlipwayDeployment.DEPLOYMENTS) {
            cluster.kubectl("-n", SlipwayDeployment.NAMESPACE, "rollout", "status", "deployment/" + deployment, "--timeout=300s");
        }
        slipway.awaitReady(1, ClusterDeploymentE2ETest.READY_TIMEOUT);
    }

    /** Releases the example, waits for PASSED, and returns each service's peak VmRSS (kB) seen meanwhile. */
    private static Map<String, Long> releaseAndSample(String version) {
        PodMemory memory = new PodMemory();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> memory.sample(slipway.pods().stream().map(p -> p.getMetadata().getName()).toList()),
                0, 250, TimeUnit.MILLISECONDS);
        if (Boolean.getBoolean("slipway.bench.nmt")) {
            System.out.println("before release " + version + ":");
            describeProcesses();
        }
        Instant requested = Instant.now();
        try {
            SlipwayCli.Result released = SlipwayCli.run(Duration.ofMinutes(2), "release",
                    shop.resolve("slipway-kubernetes.yaml").toString(), "--version", version, "--bootstrap-servers", bootstrap);
            assertThat(released.exitCode()).as(released.stderr()).isZero();
            SlipwayCli.Result watched = SlipwayCli.run(Duration.ofMinutes(5), "watch", released.stdout().strip(),
                    "--timeout", "4m", "--bootstrap-servers", bootstrap);
            assertThat(watched.exitCode()).as(watched.stdout() + watched.stderr()).isZero();
            assertThat(watched.stdout()).contains("PASSED");
        } finally {
            sampler.shutdownNow();
        }
        System.out.printf("release %s: verdict after %d s%n", version, Duration.between(requested, Instant.now()).toSeconds());
        describeProcesses();
        Map<String, Long> byService = new LinkedHashMap<>();
        memory.peakKilobytes().forEach((pod, kb) -> service(pod).ifPresent(service -> byService.merge(service, kb, Math::max)));
        assertThat(byService).as("every service's JVM was measured").containsOnlyKeys(SlipwayDeployment.DEPLOYMENTS.stream()
                .map(d -> d.substring("slipway-".length())).toList().toArray(String[]::new));
        return byService;
    }

    /**
     * Prints where each JVM's memory is after the release: anonymous (heap, metaspace, threads, malloc) and file-backed
     * (the JVM's library, the class data archive, jars) resident kB, and with -Dslipway.bench.nmt=true (the JVM started
     * with -XX:NativeMemoryTracking=summary) its thread count, native memory summary and heap from jcmd.
     */
    private static void describeProcesses() {
        for (var pod : slipway.pods()) {
            String name = pod.getMetadata().getName();
            PodMemory.javaProcess(name).ifPresent(process -> {
                System.out.printf("  %-45s VmRSS %s kB, RssAnon %s kB, RssFile %s kB, VmHWM %s kB%n", name,
                        PodMemory.status(process, "VmRSS").orElse(-1L), PodMemory.status(process, "RssAnon").orElse(-1L),
                        PodMemory.status(process, "RssFile").orElse(-1L), PodMemory.status(process, "VmHWM").orElse(-1L));
                if (Boolean.getBoolean("slipway.bench.nmt")) {
                    String jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd").toString();
                    System.out.printf("  threads %s%n", PodMemory.status(process, "Threads").orElse(-1L));
                    for (List<String> command : List.of(List.of("VM.native_memory", "summary"), List.of("GC.heap_info"))) {
                        List<String> line = new ArrayList<>(List.of(jcmd, Long.toString(process)));
                        line.addAll(command);
                        try {
                            System.out.println(TestCluster.run(line, Duration.ofSeconds(30)));
                        } catch (IllegalStateException e) {
                            System.out.println("  jcmd: " + e.getMessage());
                        }
                    }
                }
            });
        }
    }

    /** slipway-distributor-6d5f8b7c9-x2x4q → distributor; Kafka (slipway-kafka-0, not a service of Slipway's) is left out. */
    private static java.util.Optional<String> service(String pod) {
        return SlipwayDeployment.DEPLOYMENTS.stream().filter(deployment -> pod.startsWith(deployment + "-")).findFirst()
                .map(deployment -> deployment.substring("slipway-".length()));
    }

    static String report(int rounds, Map<String, String> settings, Map<String, Map<String, List<Long>>> peaks) {
        List<String> names = new ArrayList<>(settings.keySet());
        String baseline = names.get(0);
        String measured = names.get(1);
        StringBuilder text = new StringBuilder("Peak VmRSS of each service's JVM during the example release on the test cluster, median of ")
                .append(rounds).append(" rounds (MiB)\n\n| service | ").append(baseline).append(" | ").append(measured)
                .append(" | ratio |\n|---|---|---|---|\n");
        long baselineStages = 0;
        long measuredStages = 0;
        for (String service : peaks.get(measured).keySet().stream().sorted().toList()) {
            long before = median(peaks.get(baseline).get(service)) / 1024;
            long after = median(peaks.get(measured).get(service)) / 1024;
            if (!service.equals("console")) {
                baselineStages += before;
                measuredStages += after;
            }
            text.append(String.format("| %s | %d | %d | %.2f |%n", service, before, after, (double) after / before));
        }
        text.append(String.format("| the four stages together | %d | %d | %.2f |%n", baselineStages, measuredStages,
                (double) measuredStages / baselineStages));
        text.append("\nevery round's peaks (kB): ").append(peaks).append('\n');
        return text.toString();
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
