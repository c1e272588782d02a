package dev.slipway.rollout.kubernetes.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.broker.EmbeddedKafkaBroker;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.plan.PullPolicy;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.events.plan.WorkloadKind;
import dev.slipway.kubernetes.RolloutStatus;
import dev.slipway.rollout.RolloutStage;
import dev.slipway.rollout.kubernetes.Fabric8ClusterWorkloads;
import dev.slipway.rollout.kubernetes.KubeEvents;
import dev.slipway.rollout.kubernetes.KubernetesRuntimeTarget;
import dev.slipway.rollout.target.RuntimeTargets;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rollout stage's speed on the real cluster of scripts/cluster.sh (BENCHMARKS.md, "Kubernetes on a real
 * cluster"). {@link #failFast()}: for each failure kind, from the moment a watch in this process first receives the
 * pod (or Deployment) state that shows the signal ({@link SignalWatch}) to the RolloutDone FAILED on the in-process
 * broker (acks=all); beside it {@code kubectl rollout status} on the same scenario, capped at 120 s.
 * {@link #goodRelease()}: three workloads across the four nodes, Slipway rolling them at once against a person running
 * {@code kubectl set image} and {@code kubectl rollout status} on each in turn, alternating in one process.
 * Run (cluster and engine up, see BENCHMARKS.md):
 * {@code ./mvnw -o -pl rollout-service test -Dgroups=bench -DexcludedGroups= -Dtest=RealClusterRolloutBench}.
 */
@Tag("bench")
class RealClusterRolloutBench {
    static final int RUNS = Integer.getInteger("slipway.bench.runs", 10);
    static final int ROUNDS = Integer.getInteger("slipway.bench.rounds", 5);
    static final Duration KUBECTL_CAP = Duration.ofSeconds(120);
    private static final String NS = KubeEvents.NAMESPACE;

    static RealNamespace namespace;
    static RealCluster cluster;
    static KubernetesClient admin;
    static Path work;
    static RealWorkloads workloads;

    /** How to break version 2.1.0 of a fresh workload, what signal that shows, and whether it is a StatefulSet. */
    private record Scenario(String failure, String signal, boolean statefulSet, String newImage, Consumer<String> breakIt) {}

    private record Sample(long signalToTopicMillis) {}

    @BeforeAll
    static void namespaceAndImages() throws Exception {
        namespace = RealNamespace.create(NS);
        cluster = namespace.cluster;
        admin = namespace.admin;
        workloads = namespace.workloads;
        work = namespace.work;
    }

    @AfterAll
    static void close() {
        if (namespace != null) {
            namespace.close();
        }
    }

    @Test
    void failFast() throws Exception {
        List<Scenario> scenarios = List.of(
                new Scenario("ErrImageNeverPull (image not on the node)", "ErrImageNeverPull", false, null, name -> {}),
                new Scenario("CrashLoopBackOff (exits 1 at start)", "CrashLoopBackOff|RepeatedExit", false, "crash", name -> {}),
                new Scenario("CreateContainerConfigError (its Secret deleted)", "CreateContainerConfigError", false, "serve",
                        name -> admin.secrets().inNamespace(NS).withName(name + "-env").delete()),
                new Scenario("PVC gone (StatefulSet; its claim deleted while in use)", "Unschedulable", true, "serve",
                        name -> admin.persistentVolumeClaims().inNamespace(NS).withName(name + "-data").delete()),
                new Scenario("ProgressDeadlineExceeded (never ready; deadline 10 s)", "ProgressDeadlineExceeded", false, "hang",
                        name -> {}));
        Map<String, List<Sample>> samples = new HashMap<>();
        Map<String, CompletableFuture<String>> kubectl = new HashMap<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                KafkaProducer<String, String> producer = producer(broker);
                SignalWatch signals = new SignalWatch(admin, NS)) {
            RolloutStage stage = stage();
            for (Scenario scenario : scenarios) {
                List<Sample> list = new ArrayList<>();
                for (int i = 0; i < RUNS + 1; i++) {
                    String name = "b" + Integer.toHexString(scenario.failure().hashCode() & 0xffff) + "-" + i;
                    boolean timeKubectl = i == 1;
                    Sample sample = measure(stage, producer, signals, scenario, name, timeKubectl ? kubectl : null);
                    if (i > 0) {
                        list.add(sample);
                    }
                }
                samples.put(scenario.failure(), list);
            }
        }
        StringBuilder table = new StringBuilder();
        table.append("| failure | runs | median: signal in the watch → RolloutDone FAILED on the topic | max | "
                + "`kubectl rollout status` on the same scenario (capped at " + KUBECTL_CAP.toSeconds() + " s) |\n");
        table.append("|---|---|---|---|---|\n");
        for (Scenario scenario : scenarios) {
            List<Long> millis = samples.get(scenario.failure()).stream().map(Sample::signalToTopicMillis).toList();
            String name = "b" + Integer.toHexString(scenario.failure().hashCode() & 0xffff) + "-1";
            table.append(String.format(Locale.ROOT, "| %s | %d | %d ms | %d ms | %s |%n", scenario.failure(), millis.size(),
                    median(millis), millis.stream().mapToLong(Long::longValue).max().orElse(0), kubectl.get(name).get()));
        }
        System.out.println("\n" + table);
        for (Scenario scenario : scenarios) {
            assertThat(median(samples.get(scenario.failure()).stream().map(Sample::signalToTopicMillis).toList()))
                    .as(scenario.failure()).isLessThan(5_000);
        }
    }

    private Sample measure(RolloutStage stage, KafkaProducer<String, String> producer, SignalWatch signals, Scenario scenario,
            String name, Map<String, CompletableFuture<String>> kubectl) throws Exception {
        if (scenario.newImage() != null) {
            cluster.tagOnEveryNode(ClusterImages.ref(scenario.newImage()), KubeEvents.image(name, "2.1.0"));
        }
        HasMetadata workload = scenario.statefulSet() ? workloads.statefulSetWithClaim(name) : workloads.deploymentWithSecret(name, 10);
        scenario.breakIt().accept(name);
        ServicePlan plan = scenario.statefulSet() ? KubeEvents.plan(name, WorkloadKind.STATEFUL_SET, PullPolicy.NEVER)
                : KubeEvents.deployment(name);
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(false, 300), List.of(name));
        signals.await(name, KubeEvents.image(name, "2.1.0"), scenario.signal());
        CompletableFuture<Long> onTopic = CompletableFuture.supplyAsync(() -> {
            RolloutDone done = stage.roll(KubeEvents.distributedEverywhere(release, plan));
            assertThat(done.outcome()).as(done.diagnosis()).isEqualTo(RolloutOutcome.FAILED);
            publish(producer, done);
            return System.nanoTime();
        });
        if (kubectl != null) {
            // as a person would: run it once the new image is set (before that it reports the old revision rolled out)
            String newImage = KubeEvents.image(name, "2.1.0");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                var template = scenario.statefulSet()
                        ? admin.apps().statefulSets().inNamespace(NS).withName(name).get().getSpec().getTemplate()
                        : admin.apps().deployments().inNamespace(NS).withName(name).get().getSpec().getTemplate();
                return newImage.equals(template.getSpec().getContainers().get(0).getImage());
            });
            String kind = scenario.statefulSet() ? "statefulset/" : "deployment/";
            kubectl.put(name, CompletableFuture.supplyAsync(() -> kubectlRolloutStatus(kind + name)));
        }
        long signalAt = signals.seenAt(name, Duration.ofSeconds(120));
        long published = onTopic.get(300, TimeUnit.SECONDS);
        if (kubectl == null) {
            workloads.remove(workload);
        } else {
            kubectl.get(name).thenRun(() -> workloads.remove(workload));
        }
        return new Sample((published - signalAt) / 1_000_000);
    }

    /** What {@code kubectl rollout status} says and when, on the same workload, at most {@link #KUBECTL_CAP}. */
    private static String kubectlRolloutStatus(String workload) {
        long started = System.nanoTime();
        try {
            Process process = new ProcessBuilder(cluster.kubectl("-n", NS, "rollout", "status", workload,
                    "--timeout=" + KUBECTL_CAP.toSeconds() + "s")).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(KUBECTL_CAP.toSeconds() + 30, TimeUnit.SECONDS);
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).replace("|", "/");
            return (seconds >= KUBECTL_CAP.toSeconds() ? "no verdict within " + KUBECTL_CAP.toSeconds() + " s" : "after " + seconds + " s")
                    + ": `" + last + "`";
        } catch (Exception e) {
            return "kubectl failed: " + e.getMessage();
        }
    }

    @Test
    void goodRelease() throws Exception {
        List<String> names = List.of("web", "api", "ledger");
        workloads.deploymentOf("web", 2, "1.0.0");
        workloads.deploymentOf("api", 4, "1.0.0");
        workloads.statefulSetOf("ledger", 2, "1.0.0");
        RolloutStage stage = stage();
        List<Long> slipway = new ArrayList<>();
        List<Long> byHand = new ArrayList<>();
        int version = 1;
        for (int round = 0; round < ROUNDS + 1; round++) {
            String next = "1." + version++ + ".0";
            names.forEach(n -> cluster.tagOnEveryNode(ClusterImages.ref("serve"), KubeEvents.image(n, next)));
            ReleaseContext release = KubeEvents.release(next, new RolloutPolicy(true, 300), names);
            long started = System.nanoTime();
            List<CompletableFuture<RolloutDone>> rolling = new ArrayList<>();
            for (String name : names) {
                ServicePlan plan = name.equals("ledger") ? KubeEvents.plan(name, WorkloadKind.STATEFUL_SET, PullPolicy.NEVER)
                        : KubeEvents.deployment(name);
                rolling.add(CompletableFuture.supplyAsync(() -> stage.roll(KubeEvents.distributedEverywhere(release, plan))));
            }
            for (CompletableFuture<RolloutDone> done : rolling) {
                assertThat(done.get(300, TimeUnit.SECONDS).outcome()).isEqualTo(RolloutOutcome.ROLLED_OUT);
            }
            long slipwayMillis = (System.nanoTime() - started) / 1_000_000;

            String manual = "1." + version++ + ".0";
            names.forEach(n -> cluster.tagOnEveryNode(ClusterImages.ref("serve"), KubeEvents.image(n, manual)));
            started = System.nanoTime();
            for (String name : names) {
                String workload = (name.equals("ledger") ? "statefulset/" : "deployment/") + name;
                RealCluster.run(cluster.kubectl("-n", NS, "set", "image", workload, name + "=" + KubeEvents.image(name, manual)),
                        Duration.ofSeconds(60));
                RealCluster.run(cluster.kubectl("-n", NS, "rollout", "status", workload, "--timeout=300s"), Duration.ofMinutes(6));
            }
            long byHandMillis = (System.nanoTime() - started) / 1_000_000;
            if (round > 0) {
                slipway.add(slipwayMillis);
                byHand.add(byHandMillis);
            }
        }
        System.out.printf(Locale.ROOT, "%n| good release, 3 workloads (Deployments of 2 and 4 pods, a StatefulSet of 2) on 4 nodes "
                + "| rounds | median | min | max |%n|---|---|---|---|---|%n"
                + "| Slipway: ImageDistributed of each → RolloutDone of all (the three at once) | %d | %.1f s | %.1f s | %.1f s |%n"
                + "| by hand: `kubectl set image` + `kubectl rollout status`, one workload after another | %d | %.1f s | %.1f s | %.1f s |%n"
                + "| ratio by hand / Slipway (medians) | | %.2f | | |%n",
                slipway.size(), median(slipway) / 1000.0, min(slipway) / 1000.0, max(slipway) / 1000.0,
                byHand.size(), median(byHand) / 1000.0, min(byHand) / 1000.0, max(byHand) / 1000.0,
                (double) median(byHand) / median(slipway));
    }

    private static RolloutStage stage() {
        return new RolloutStage(new RuntimeTargets(List.of(new KubernetesRuntimeTarget(() -> new Fabric8ClusterWorkloads(admin),
                Clock.systemUTC(), 5))), Clock.systemUTC());
    }

    private static void publish(KafkaProducer<String, String> producer, RolloutDone done) {
        ProducerRecord<String, String> record = new ProducerRecord<>("slipway.rollout-done", done.release().releaseId().value(),
                EventCodec.instance().encode(done));
        record.headers().add("ce_specversion", bytes("1.0")).add("ce_type", bytes(EventType.ROLLOUT_DONE.type()))
                .add("ce_id", bytes(UUID.randomUUID().toString())).add("ce_source", bytes("/slipway/rollout"));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
        Map<String, Object> config = new HashMap<>(broker.clientProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long min(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
