package dev.slipway.rollout.kubernetes;

import dev.slipway.rollout.decision.Observed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.broker.EmbeddedKafkaBroker;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.ReleaseContext;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.plan.PullPolicy;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.events.plan.WorkloadKind;
import dev.slipway.kubernetes.RolloutStatus;
import dev.slipway.rollout.kubernetes.sim.SimulatedCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The measurement of issue 3: time from a pod entering a failure state (the simulator's timestamp
 * taken as it writes the failing status) to the RolloutDone FAILED returned by the stage and then on
 * the broker (published to the in-process Kafka broker, acks=all), median over {@link #RUNS} runs per
 * failure, beside what {@code kubectl rollout status} would do on the same scenario.
 * Run: {@code ./mvnw -o -pl rollout-service test -Dgroups=bench -DexcludedGroups= -Dtest=FailFastBench}.
 */
@Tag("bench")
class FailFastBench {
    static final int RUNS = Integer.getInteger("slipway.bench.runs", 21);
    private static final String NS = KubeEvents.NAMESPACE;

    /** One failure scenario: how to break version 2.1.0 of {@code name}, and what kubectl rollout status would do. */
    private record Scenario(String failure, String reason, boolean statefulSet, Consumer<Run> breakIt, String kubectl) {}

    private record Run(SimulatedCluster cluster, String name) {
        String image() {
            return KubeEvents.image(name, "2.1.0");
        }
    }

    private record Sample(long toStageMillis, long toTopicMillis) {}

    @Test
    void failFastLatencies() throws Exception {
        List<Scenario> scenarios = List.of(
                new Scenario("ErrImageNeverPull (image not imported on the node)", "ErrImageNeverPull", false, r -> {},
                        "waits until progressDeadlineSeconds (600 s default), then \"exceeded its progress deadline\" without naming the pod, node or reason"),
                new Scenario("ImagePullBackOff", "ImagePullBackOff", false,
                        r -> r.cluster().imported(r.image()).failsWith(r.image(), "ImagePullBackOff",
                                "Back-off pulling image \"" + r.image() + "\""),
                        "600 s (progress deadline)"),
                new Scenario("CrashLoopBackOff", "CrashLoopBackOff", false,
                        r -> r.cluster().imported(r.image()).crashes(r.image(), 1,
                                List.of("Error: @prisma/client did not initialize yet.")),
                        "600 s (progress deadline); no log lines"),
                new Scenario("CreateContainerConfigError", "CreateContainerConfigError", false,
                        r -> r.cluster().imported(r.image()).failsWith(r.image(), "CreateContainerConfigError",
                                "secret \"" + r.name() + "-env\" not found"),
                        "600 s (progress deadline)"),
                new Scenario("PVC missing (StatefulSet)", "Unschedulable", true,
                        r -> r.cluster().client().persistentVolumeClaims().inNamespace(NS).withName(r.name() + "-data").delete(),
                        "StatefulSets have no progress deadline: waits until --timeout (forever by default)"),
                new Scenario("PVC unbound (StatefulSet)", "Unschedulable", true,
                        r -> r.cluster().client().persistentVolumeClaims().inNamespace(NS).withName(r.name() + "-data")
                                .editStatus(c -> { c.getStatus().setPhase("Pending"); return c; }),
                        "StatefulSets have no progress deadline: waits until --timeout (forever by default)"),
                new Scenario("ProgressDeadlineExceeded", "ProgressDeadlineExceeded", false,
                        r -> r.cluster().imported(r.image()).hangs(r.image()),
                        "fails on the same condition, so also only once the deadline (600 s default) has passed; no pod named"));

        Map<String, List<Sample>> samples = new HashMap<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                KafkaProducer<String, String> producer = producer(broker);
                SimulatedCluster cluster = SimulatedCluster.start(KubeEvents.NODES.toArray(String[]::new));
                var client = cluster.newClient()) {
            cluster.namespace(NS);
            var stage = new dev.slipway.rollout.RolloutStage(new dev.slipway.rollout.target.RuntimeTargets(List.of(
                    new KubernetesRuntimeTarget(() -> new Fabric8ClusterWorkloads(client), java.time.Clock.systemUTC(), 5))),
                    java.time.Clock.systemUTC());
            int warmups = 3;
            for (Scenario scenario : scenarios) {
                List<Sample> list = new ArrayList<>();
                for (int i = 0; i < RUNS + warmups; i++) {
                    String name = "bench-" + Integer.toHexString(scenario.failure().hashCode() & 0xfffff) + "-" + i;
                    Sample sample = measure(cluster, stage, producer, scenario, name);
                    if (i >= warmups) {
                        list.add(sample);
                    }
                }
                samples.put(scenario.failure(), list);
            }
        }
        StringBuilder table = new StringBuilder();
        table.append("| failure | runs | median: failing status written → RolloutDone FAILED returned by the stage | "
                + "median: → RolloutDone on the topic | max → on the topic | `kubectl rollout status` on the same scenario |\n");
        table.append("|---|---|---|---|---|---|\n");
        for (Scenario scenario : scenarios) {
            List<Sample> list = samples.get(scenario.failure());
            table.append(String.format(Locale.ROOT, "| %s | %d | %d ms | %d ms | %d ms | %s |%n", scenario.failure(), list.size(),
                    median(list.stream().map(Sample::toStageMillis).toList()),
                    median(list.stream().map(Sample::toTopicMillis).toList()),
                    list.stream().mapToLong(Sample::toTopicMillis).max().orElse(0), scenario.kubectl()));
        }
        System.out.println("\n" + table);
        for (Scenario scenario : scenarios) {
            assertThat(median(samples.get(scenario.failure()).stream().map(Sample::toTopicMillis).toList()))
                    .as(scenario.failure()).isLessThan(5_000);
        }
    }

    private static Sample measure(SimulatedCluster cluster, dev.slipway.rollout.RolloutStage stage,
            KafkaProducer<String, String> producer, Scenario scenario, String name) throws Exception {
        cluster.imported(KubeEvents.image(name, "2.0.0"));
        if (scenario.statefulSet()) {
            cluster.boundClaim(NS, name + "-data");
            cluster.createStatefulSet(NS, name, KubeEvents.image(name, "2.0.0"), 1, name + "-data");
            await().atMost(Duration.ofSeconds(20)).until(() -> cluster.client().apps().statefulSets().inNamespace(NS)
                    .withName(name).get(), s -> RolloutStatus.of(Observed.workload(s)).done());
        } else {
            cluster.createDeployment(NS, name, KubeEvents.image(name, "2.0.0"), 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> cluster.client().apps().deployments().inNamespace(NS)
                    .withName(name).get(), d -> RolloutStatus.of(Observed.workload(d)).done());
        }
        Run run = new Run(cluster, name);
        scenario.breakIt().accept(run);
        ServicePlan plan = scenario.statefulSet() ? KubeEvents.plan(name, WorkloadKind.STATEFUL_SET, PullPolicy.IF_NOT_PRESENT)
                : KubeEvents.deployment(name);
        ReleaseContext release = KubeEvents.release("2.1.0", new RolloutPolicy(false, 900), List.of(name));
        ImageDistributed distributed = KubeEvents.distributedEverywhere(release, plan);

        CompletableFuture<long[]> rollout = CompletableFuture.supplyAsync(() -> {
            RolloutDone done = stage.roll(distributed);
            long returned = System.nanoTime();
            assertThat(done.outcome()).as(done.diagnosis()).isEqualTo(RolloutOutcome.FAILED);
            assertThat(done.diagnosis()).contains(scenario.reason());
            ProducerRecord<String, String> record = new ProducerRecord<>("slipway.rollout-done",
                    done.release().releaseId().value(), EventCodec.instance().encode(done));
            record.headers().add("ce_specversion", bytes("1.0")).add("ce_type", bytes(EventType.ROLLOUT_DONE.type()))
                    .add("ce_id", bytes(UUID.randomUUID().toString())).add("ce_source", bytes("/slipway/rollout"));
            try {
                producer.send(record).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return new long[] {returned, System.nanoTime()};
        });
        if (scenario.reason().equals("ProgressDeadlineExceeded")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.client().pods().inNamespace(NS).withLabel("app", name)
                    .list().getItems().stream().anyMatch(p -> p.getSpec().getContainers().get(0).getImage().equals(run.image())));
            cluster.expireProgressDeadline(NS, name);
        }
        long[] ends = rollout.get(60, java.util.concurrent.TimeUnit.SECONDS);
        long failedAt = cluster.failureWrites().stream()
                .filter(w -> w.object().startsWith(name) && w.reason().equals(scenario.reason()))
                .mapToLong(SimulatedCluster.FailureWrite::nanoTime).min()
                .orElseThrow(() -> new AssertionError("the simulator wrote no " + scenario.reason() + " for " + name));
        removeWorkload(cluster, name);
        return new Sample((ends[0] - failedAt) / 1_000_000, (ends[1] - failedAt) / 1_000_000);
    }

    /** Keeps the simulated cluster small between runs (its controllers re-list everything on each change). */
    private static void removeWorkload(SimulatedCluster cluster, String name) {
        var client = cluster.client();
        client.apps().deployments().inNamespace(NS).withName(name).delete();
        client.apps().statefulSets().inNamespace(NS).withName(name).delete();
        client.apps().replicaSets().inNamespace(NS).withLabel("app", name).delete();
        client.pods().inNamespace(NS).withLabel("app", name).delete();
        client.persistentVolumeClaims().inNamespace(NS).withName(name + "-data").delete();
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
        Map<String, Object> config = new HashMap<>(broker.clientProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        return producer;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
