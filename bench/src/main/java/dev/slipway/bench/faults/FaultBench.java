package dev.slipway.bench.faults;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.bench.Stats;
import dev.slipway.cli.kafka.BuildRequests;
import dev.slipway.cli.kafka.EventPublisher;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.kafka.TopicSnapshot;
import dev.slipway.cli.local.LocalPipeline;
import dev.slipway.cli.local.PipelineService;
import dev.slipway.cli.local.RepoRoot;
import dev.slipway.cli.local.ServiceProcess;
import dev.slipway.cli.plan.PlanFile;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.ReleasePlan;
import dev.slipway.events.plan.ServicePlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Releases a plan N times through the four packaged services, killing one service with SIGKILL in
 * each (in turn: builder, distributor, rollout, verifier) at a random point after it accepted the
 * release's event, and starting it again 2 s later as an orchestrator would. Before that, fault-free
 * releases give the baseline. For every release it counts, from the topics and from the engine's own
 * events: Verified records, the verdict, image tags (builds), image loads (imports), container creates and
 * starts. Usage: FaultBench ENGINE [RELEASES] [BASELINE] [SEED].
 */
public final class FaultBench {
    private static final Duration VERDICT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DOWN_FOR = Duration.ofSeconds(2);
    private static final PipelineService[] VICTIMS = {PipelineService.BUILDER, PipelineService.DISTRIBUTOR,
            PipelineService.ROLLOUT, PipelineService.VERIFIER};

    private record Outcome(int index, String victim, long killAfterMillis, ReleaseId id, Verified verdict, int verifiedRecords,
            long tags, long loads, long creates, long starts, double millis) {}

    public static void main(String[] args) throws Exception {
        String engine = args[0];
        int releases = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int baselineRuns = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Random random = new Random(args.length > 3 ? Long.parseLong(args[3]) : 9L);
        Path repo = RepoRoot.find(Path.of("").toAbsolutePath());
        Path planFile = repo.resolve("examples/shop/slipway.yaml");
        Path sourceRoot = PlanFile.sourceRootOf(planFile);
        ReleasePlan plan = PlanFile.read(planFile, sourceRoot);
        Path runFolder = repo.resolve("target/faults/" + System.currentTimeMillis());
        List<Double> baseline = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        try (DockerClient docker = DockerEngines.connect(engine);
                LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Settings(repo, engine, sourceRoot, runFolder,
                        Duration.ofMinutes(3)), line -> System.err.println("[pipeline] " + line))) {
            KafkaClients clients = new KafkaClients(pipeline.bootstrapServers());
            try (EventPublisher publisher = new EventPublisher(clients, Topics.defaults(), Clock.systemUTC())) {
                BuildRequests requests = new BuildRequests(publisher, Clock.systemUTC(), new SecureRandom());
                for (int i = 1; i <= baselineRuns; i++) {
                    Instant start = Instant.now();
                    ReleaseId id = requests.publish(plan, Version.of("faults." + System.currentTimeMillis() + ".base" + i));
                    awaitVerified(clients, id);
                    baseline.add(Duration.between(start, Instant.now()).toNanos() / 1e6);
                    System.err.println("[faults] baseline " + i + ": " + id);
                }
                for (int i = 1; i <= releases; i++) {
                    PipelineService victim = VICTIMS[(i - 1) % VICTIMS.length];
                    long killAfter = random.nextInt(maxDelayMillis(victim) + 1);
                    Version version = Version.of("faults." + System.currentTimeMillis() + "." + i);
                    Instant start = Instant.now();
                    ReleaseId id = requests.publish(plan, version);
                    ServiceProcess process = pipeline.services().stream().filter(p -> p.service() == victim).findFirst()
                            .orElseThrow();
                    awaitLog(process.log(), "received " + inputOf(victim).type() + " " + id + "/");
                    Thread.sleep(killAfter);
                    pipeline.killAndRestart(victim, DOWN_FOR);
                    awaitVerified(clients, id);
                    double millis = Duration.between(start, Instant.now()).toNanos() / 1e6;
                    Thread.sleep(1_000); // a duplicate would land now
                    outcomes.add(outcome(i, victim, killAfter, id, version, plan, clients, docker, start, millis));
                    Outcome last = outcomes.get(outcomes.size() - 1);
                    System.err.println("[faults] release " + i + "/" + releases + " (" + victim.module() + " killed "
                            + killAfter + " ms after it accepted the event): " + id + " "
                            + (last.verdict() == null ? "no verdict" : last.verdict().verdict()) + ", " + last.verifiedRecords()
                            + " Verified, " + Math.round(millis) + " ms");
                }
            }
        }
        report(plan, baseline, outcomes);
    }

    /** How far into the victim's work a kill may land: about the length of that work for the example. */
    private static int maxDelayMillis(PipelineService victim) {
        return switch (victim) {
            case BUILDER -> 1_500;
            case DISTRIBUTOR -> 50;
            case ROLLOUT -> 3_000;
            case VERIFIER -> 100;
        };
    }

    private static EventType inputOf(PipelineService service) {
        return switch (service) {
            case BUILDER -> EventType.BUILD_REQUESTED;
            case DISTRIBUTOR -> EventType.IMAGE_BUILT;
            case ROLLOUT -> EventType.IMAGE_DISTRIBUTED;
            case VERIFIER -> EventType.ROLLOUT_DONE;
        };
    }

    private static Outcome outcome(int index, PipelineService victim, long killAfter, ReleaseId id, Version version,
            ReleasePlan plan, KafkaClients clients, DockerClient docker, Instant start, double millis) throws Exception {
        List<Verified> verdicts = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicSnapshot.read(clients, Topics.defaultName(EventType.VERIFIED))) {
            if (id.value().equals(record.key())) {
                verdicts.add(EventCodec.instance().decode(EventType.VERIFIED, new String(record.value(), StandardCharsets.UTF_8)));
            }
        }
        EngineChanges changes = EngineChanges.between(docker, start.minusSeconds(1), Instant.now());
        long tags = 0;
        long creates = 0;
        long starts = 0;
        for (ServicePlan service : plan.services()) {
            tags = Math.max(tags, changes.tagsOf(service.image().value(), version.value()));
            creates = Math.max(creates, changes.createsOf(service.docker().container().value()));
            starts = Math.max(starts, changes.startsOf(service.docker().container().value()));
        }
        return new Outcome(index, victim.module(), killAfter, id, verdicts.isEmpty() ? null : verdicts.get(0), verdicts.size(),
                tags, changes.loads().size(), creates, starts, millis);
    }

    private static void report(ReleasePlan plan, List<Double> baseline, List<Outcome> outcomes) {
        System.out.printf("%d releases of '%s' (%d services), one SIGKILL each, restarted after %d s%n%n", outcomes.size(),
                plan.release(), plan.services().size(), DOWN_FOR.toSeconds());
        System.out.println("| # | killed | ms after it accepted | verdict | Verified records | builds (tags) per service | "
                + "loads | creates per container | starts per container | request → verdict (ms) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Outcome o : outcomes) {
            System.out.printf("| %d | %s | %d | %s | %d | %d | %d | %d | %d | %.0f |%n", o.index(), o.victim(), o.killAfterMillis(),
                    o.verdict() == null ? "none" : o.verdict().verdict(), o.verifiedRecords(), o.tags(), o.loads(),
                    o.creates(), o.starts(), o.millis());
        }
        System.out.println();
        System.out.println("| request → verdict (ms) | n | median | p90 | min | max |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.println(Stats.of(baseline).row("fault-free", "ms", 1));
        for (PipelineService victim : VICTIMS) {
            List<Double> sample = outcomes.stream().filter(o -> o.victim().equals(victim.module())).map(Outcome::millis).toList();
            if (!sample.isEmpty()) {
                System.out.println(Stats.of(sample).row(victim.module() + " killed", "ms", 1));
            }
        }
        long wrong = outcomes.stream().filter(o -> o.verifiedRecords() != 1 || o.verdict() == null
                || o.verdict().verdict() != dev.slipway.events.Verdict.PASSED || o.tags() > 1 || o.loads() > 0
                || o.creates() > 1 || o.starts() > 1).count();
        System.out.printf("%nreleases with a missing or second verdict, a wrong verdict or a side effect twice: %d of %d%n",
                wrong, outcomes.size());
    }

    private static void awaitLog(Path log, String text) throws Exception {
        Instant deadline = Instant.now().plus(VERDICT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("'" + text + "' not in " + log + " within " + VERDICT_TIMEOUT);
    }

    private static void awaitVerified(KafkaClients clients, ReleaseId id) throws InterruptedException {
        Instant deadline = Instant.now().plus(VERDICT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (TopicSnapshot.read(clients, Topics.defaultName(EventType.VERIFIED)).stream()
                    .anyMatch(r -> id.value().equals(r.key()))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no verdict for " + id + " within " + VERDICT_TIMEOUT);
    }
}
