package dev.slipway.bench.faults;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.bench.Stats;
import dev.slipway.cli.kafka.BuildRequests;
import dev.slipway.cli.kafka.EventPublisher;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.kafka.TopicSnapshot;
import dev.slipway.cli.local.LocalPipeline;
import dev.slipway.cli.local.LocalPipeline.BrokerRestart;
import dev.slipway.cli.local.LocalPipeline.BrokerStop;
import dev.slipway.cli.local.PipelineService;
import dev.slipway.cli.local.RepoRoot;
import dev.slipway.cli.local.ServiceProcess;
import dev.slipway.cli.plan.PlanFile;
import dev.slipway.docker.DockerEngines;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.ReleasePlan;
import dev.slipway.events.plan.ServicePlan;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Releases a plan N times through the four packaged services with one fault in each release, after
 * fault-free releases for the baseline, and counts for every release, from the topics and from the
 * engine's own events: Verified records, the verdict, image tags (builds), image loads (imports),
 * container creates and starts. The fault ({@link FaultMode}), aimed in turn at the work of the builder,
 * distributor, rollout and verifier, at a random point (seeded) after the stage logged that it accepted
 * the release's event:
 * <ul>
 * <li>{@code kill}: the stage is killed with SIGKILL and started again 2 s later, as an orchestrator would;
 * <li>{@code broker}: the broker (its own process) is killed with SIGKILL or stopped with SIGTERM (in turn,
 * four releases each) and started again 2 s later at the same address with the same data;
 * <li>{@code instances}: two instances of each stage in one consumer group, topics with 3 partitions; the
 * instance that accepted the event is killed with SIGKILL and started again only after the verdict (and
 * after the other instance took the record over, or 25 s), so the other instance has to take its
 * partitions over; the groups are stable again before the next release.
 * </ul>
 * Usage: FaultBench ENGINE [RELEASES] [BASELINE] [SEED] [kill|broker|instances].
 */
public final class FaultBench {
    private static final Duration VERDICT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DOWN_FOR = Duration.ofSeconds(2);
    /** How long after a kill the other instance may take the record over: the 10 s session timeout, a rebalance, and margin. */
    private static final Duration TAKEOVER_WINDOW = Duration.ofSeconds(25);
    private static final Duration GROUPS_TIMEOUT = Duration.ofSeconds(90);
    private static final PipelineService[] VICTIMS = {PipelineService.BUILDER, PipelineService.DISTRIBUTOR,
            PipelineService.ROLLOUT, PipelineService.VERIFIER};

    /**
     * One fault: what was hit ({@code builder-service}, {@code SIGKILL}, {@code rollout-service-1}), in which
     * stage's work, how long after that stage accepted the event; for a broker fault how long clients had
     * no broker, for a killed instance how long until the other instance received the record (absent when
     * none did); and when the fault was over (the broker answering, the record taken over).
     */
    private record Fault(String target, PipelineService stage, long afterMillis, Optional<Double> measuredMillis,
            Optional<Instant> over) {}

    private record Outcome(int index, Fault fault, ReleaseId id, Verified verdict, int verifiedRecords, long tags,
            long loads, long creates, long starts, double millis, Optional<Double> afterFaultMillis, double outageMillis) {
        boolean wrong() {
            return verifiedRecords != 1 || verdict == null || verdict.verdict() != Verdict.PASSED || tags > 1 || loads > 0
                    || creates > 1 || starts > 1;
        }
    }

    public static void main(String[] args) throws Exception {
        String engine = args[0];
        int releases = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int baselineRuns = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Random random = new Random(args.length > 3 ? Long.parseLong(args[3]) : 9L);
        FaultMode mode = args.length > 4 ? FaultMode.parse(args[4]) : FaultMode.KILL;
        Path repo = RepoRoot.find(Path.of("").toAbsolutePath());
        Path planFile = repo.resolve("examples/shop/slipway.yaml");
        Path sourceRoot = PlanFile.sourceRootOf(planFile);
        ReleasePlan plan = PlanFile.read(planFile, sourceRoot);
        Path runFolder = repo.resolve("target/faults/" + System.currentTimeMillis());
        List<Double> baseline = new ArrayList<>();
        List<Double> baselineOutages = new ArrayList<>();
        List<URI> endpoints = plan.checks().stream().filter(check -> check.http() != null).map(check -> check.http().url())
                .toList();
        List<Outcome> outcomes = new ArrayList<>();
        LocalPipeline.Settings settings = new LocalPipeline.Settings(repo, engine, sourceRoot, runFolder, Duration.ofMinutes(3))
                .withLayout(mode.layout());
        try (DockerClient docker = DockerEngines.connect(engine);
                LocalPipeline pipeline = LocalPipeline.start(settings, line -> System.err.println("[pipeline] " + line))) {
            KafkaClients clients = new KafkaClients(pipeline.bootstrapServers());
            if (mode == FaultMode.INSTANCES) {
                Duration waited = StableGroups.await(clients, mode.layout().instances(), GROUPS_TIMEOUT);
                System.err.println("[faults] consumer groups stable after " + waited.toMillis() + " ms more");
            }
            try (EventPublisher publisher = new EventPublisher(clients, Topics.defaults(), Clock.systemUTC())) {
                BuildRequests requests = new BuildRequests(publisher, Clock.systemUTC(), new SecureRandom());
                for (int i = 1; i <= baselineRuns; i++) {
                    Instant start = Instant.now();
                    ServiceOutage outage = ServiceOutage.watch(endpoints);
                    ReleaseId id = requests.publish(plan, Version.of("faults." + System.currentTimeMillis() + ".base" + i));
                    awaitVerified(clients, id, () -> { });
                    baseline.add(Duration.between(start, Instant.now()).toNanos() / 1e6);
                    baselineOutages.add(outage.stop());
                    System.err.println("[faults] baseline " + i + ": " + id);
                }
                for (int i = 1; i <= releases; i++) {
                    PipelineService stage = mode == FaultMode.SWITCH ? PipelineService.ROLLOUT
                            : VICTIMS[(i - 1) % VICTIMS.length];
                    long after = random.nextInt(maxDelayMillis(stage) + 1);
                    Version version = Version.of("faults." + System.currentTimeMillis() + "." + i);
                    Instant start = Instant.now();
                    ServiceOutage outage = ServiceOutage.watch(endpoints);
                    ReleaseId id = requests.publish(plan, version);
                    Fault fault;
                    Instant verdictAt;
                    if (mode == FaultMode.INSTANCES) {
                        Takeover takeover = killInstance(pipeline, stage, id, after);
                        verdictAt = awaitVerified(clients, id, takeover::look);
                        fault = takeover.awaitTakeover();
                    } else if (mode == FaultMode.SWITCH) {
                        fault = killMidSwitch(pipeline, id, plan.services().get(0), random.nextInt(31));
                        verdictAt = awaitVerified(clients, id, () -> { });
                    } else {
                        fault = mode == FaultMode.KILL ? killService(pipeline, stage, id, after)
                                : restartBroker(pipeline, stage, id, after, (i - 1) / VICTIMS.length % 2 == 0
                                        ? BrokerStop.KILL : BrokerStop.TERMINATE);
                        verdictAt = awaitVerified(clients, id, () -> { });
                    }
                    double millis = Duration.between(start, verdictAt).toNanos() / 1e6;
                    Thread.sleep(1_000); // a duplicate would land now
                    double outageMillis = outage.stop();
                    Outcome outcome = outcome(i, fault, id, version, plan, clients, docker, start, millis,
                            fault.over().map(over -> Duration.between(over, verdictAt).toNanos() / 1e6), outageMillis);
                    outcomes.add(outcome);
                    System.err.println("[faults] release " + i + "/" + releases + " (" + fault.target() + " in "
                            + stage.module() + "'s work, " + after + " ms after it accepted the event): " + id + " "
                            + (outcome.verdict() == null ? "no verdict" : outcome.verdict().verdict()) + ", "
                            + outcome.verifiedRecords() + " Verified, " + Math.round(millis) + " ms");
                    if (mode == FaultMode.INSTANCES) {
                        restartKilledInstances(pipeline, clients, mode.layout().instances());
                    }
                }
            }
        }
        switch (mode) {
            case KILL, SWITCH -> reportKills(plan, baseline, baselineOutages, outcomes);
            case BROKER -> reportBroker(plan, baseline, outcomes);
            case INSTANCES -> reportInstances(plan, baseline, outcomes, mode);
        }
        long wrong = outcomes.stream().filter(Outcome::wrong).count();
        System.out.printf("%nreleases with a missing or second verdict, a wrong verdict or a side effect twice: %d of %d%n",
                wrong, outcomes.size());
    }

    /** Kills the stage's only instance once it accepted the release's event, and starts it again 2 s later. */
    private static Fault killService(LocalPipeline pipeline, PipelineService stage, ReleaseId id, long after)
            throws Exception {
        ServiceProcess process = pipeline.services().stream().filter(p -> p.service() == stage).findFirst().orElseThrow();
        awaitLog(process.log(), received(stage, id));
        Thread.sleep(after);
        pipeline.killAndRestart(stage, DOWN_FOR);
        return new Fault(stage.module(), stage, after, Optional.empty(), Optional.empty());
    }

    /**
     * Kills the rollout {@code after} ms (0-30) after it logged that it starts replacing {@code service}'s container
     * (the old one is stopped next, then the new one started), and starts it again 2 s later.
     */
    private static Fault killMidSwitch(LocalPipeline pipeline, ReleaseId id, ServicePlan service, long after)
            throws Exception {
        ServiceProcess rollout = pipeline.services().stream().filter(p -> p.service() == PipelineService.ROLLOUT)
                .findFirst().orElseThrow();
        String prefix = "release " + id + " service " + service.name() + " node ";
        Instant deadline = Instant.now().plus(VERDICT_TIMEOUT);
        while (!Files.exists(rollout.log()) || Files.readAllLines(rollout.log()).stream()
                .noneMatch(line -> line.contains(prefix) && line.contains(": replacing container "))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the rollout did not start replacing " + service.name() + "'s container of "
                        + id + " within " + VERDICT_TIMEOUT + " (" + rollout.log() + ")");
            }
            Thread.sleep(5);
        }
        Thread.sleep(after);
        pipeline.killAndRestart(PipelineService.ROLLOUT, DOWN_FOR);
        return new Fault(PipelineService.ROLLOUT.module() + " (switching " + service.name() + ")", PipelineService.ROLLOUT,
                after, Optional.empty(), Optional.empty());
    }

    /** Takes the broker down once the stage accepted the release's event, and starts it again 2 s later. */
    private static Fault restartBroker(LocalPipeline pipeline, PipelineService stage, ReleaseId id, long after,
            BrokerStop how) throws Exception {
        ServiceProcess process = pipeline.services().stream().filter(p -> p.service() == stage).findFirst().orElseThrow();
        awaitLog(process.log(), received(stage, id));
        Thread.sleep(after);
        BrokerRestart restart = pipeline.restartBroker(how, DOWN_FOR);
        Instant answering = Instant.now();
        double unavailable = restart.stopTook().plus(DOWN_FOR).plus(restart.startTook()).toNanos() / 1e6;
        System.err.println("[faults] broker " + how + ": down in " + restart.stopTook().toMillis() + " ms, answering "
                + restart.startTook().toMillis() + " ms after it was started again");
        return new Fault(how == BrokerStop.KILL ? "SIGKILL" : "SIGTERM", stage, after, Optional.of(unavailable),
                Optional.of(answering));
    }

    /** Kills the instance of the stage that accepted the release's event and leaves it down. */
    private static Takeover killInstance(LocalPipeline pipeline, PipelineService stage, ReleaseId id, long after)
            throws Exception {
        String line = received(stage, id);
        ServiceProcess accepted = awaitAnyLog(pipeline.instances(stage), line);
        Thread.sleep(after);
        pipeline.kill(accepted);
        List<ServiceProcess> others = pipeline.instances(stage).stream().filter(p -> p != accepted && p.isAlive()).toList();
        return new Takeover(accepted, stage, after, others, line, Instant.now());
    }

    /**
     * Watches the other instances of a killed one for the event it had accepted: when one of them received
     * it, the partition was taken over. A kill after the record was acknowledged leaves nothing to take
     * over; the watch then ends after {@link #TAKEOVER_WINDOW}.
     */
    private static final class Takeover {
        private final ServiceProcess killed;
        private final PipelineService stage;
        private final long after;
        private final List<ServiceProcess> others;
        private final String line;
        private final Instant killedAt;
        private Instant seen;

        Takeover(ServiceProcess killed, PipelineService stage, long after, List<ServiceProcess> others, String line,
                Instant killedAt) {
            this.killed = killed;
            this.stage = stage;
            this.after = after;
            this.others = others;
            this.line = line;
            this.killedAt = killedAt;
        }

        /** Looks once at the other instances' logs. */
        void look() {
            if (seen == null && others.stream().anyMatch(other -> logContains(other.log(), line))) {
                seen = Instant.now();
            }
        }

        /** Looks until another instance received the event or the window ended; returns the fault as it went. */
        Fault awaitTakeover() throws InterruptedException {
            Instant deadline = killedAt.plus(TAKEOVER_WINDOW);
            while (seen == null && Instant.now().isBefore(deadline)) {
                look();
                Thread.sleep(50);
            }
            Optional<Instant> at = Optional.ofNullable(seen);
            return new Fault(killed.name(), stage, after, at.map(t -> Duration.between(killedAt, t).toNanos() / 1e6), at);
        }
    }

    private static void restartKilledInstances(LocalPipeline pipeline, KafkaClients clients, int instances)
            throws InterruptedException {
        for (ServiceProcess process : pipeline.services()) {
            if (!process.isAlive()) {
                ServiceProcess restarted = pipeline.startAgain(process, Duration.ZERO);
                System.err.println("[faults] " + restarted.name() + " started again (pid " + restarted.pid() + ")");
            }
        }
        Duration waited = StableGroups.await(clients, instances, GROUPS_TIMEOUT);
        System.err.println("[faults] consumer groups stable " + waited.toMillis() + " ms after the restart");
    }

    /** How far into the stage's work a fault may land: about the length of that work for the example. */
    private static int maxDelayMillis(PipelineService stage) {
        return switch (stage) {
            case BUILDER -> 1_500;
            case DISTRIBUTOR -> 50;
            case ROLLOUT -> 3_000;
            case VERIFIER -> 100;
        };
    }

    private static String received(PipelineService stage, ReleaseId id) {
        EventType input = switch (stage) {
            case BUILDER -> EventType.BUILD_REQUESTED;
            case DISTRIBUTOR -> EventType.IMAGE_BUILT;
            case ROLLOUT -> EventType.IMAGE_DISTRIBUTED;
            case VERIFIER -> EventType.ROLLOUT_DONE;
        };
        return "received " + input.type() + " " + id + "/";
    }

    private static Outcome outcome(int index, Fault fault, ReleaseId id, Version version, ReleasePlan plan,
            KafkaClients clients, DockerClient docker, Instant start, double millis, Optional<Double> afterFault,
            double outageMillis) throws Exception {
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
        return new Outcome(index, fault, id, verdicts.isEmpty() ? null : verdicts.get(0), verdicts.size(), tags,
                changes.loads().size(), creates, starts, millis, afterFault, outageMillis);
    }

    private static void reportKills(ReleasePlan plan, List<Double> baseline, List<Double> baselineOutages,
            List<Outcome> outcomes) {
        System.out.printf("%d releases of '%s' (%d services), one SIGKILL each, restarted after %d s%n%n", outcomes.size(),
                plan.release(), plan.services().size(), DOWN_FOR.toSeconds());
        System.out.println("| # | killed | ms after it accepted (switch: after it began replacing) | verdict | Verified records | "
                + "builds (tags) per service | loads | creates per container | starts per container | request → verdict (ms) | "
                + "longest outage of an endpoint (ms) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Outcome o : outcomes) {
            System.out.printf(Locale.ROOT, "| %d | %s | %d | %s | %.0f | %.0f |%n", o.index(), o.fault().target(),
                    o.fault().afterMillis(), counts(o), o.millis(), o.outageMillis());
        }
        System.out.println();
        statsHeader();
        System.out.println(Stats.of(baseline).row("request → verdict, fault-free", "ms", 1));
        for (PipelineService victim : VICTIMS) {
            printStats("request → verdict, " + victim.module() + " killed", outcomes.stream()
                    .filter(o -> o.fault().stage() == victim).map(Outcome::millis).toList());
        }
        System.out.println(Stats.of(baselineOutages).row("longest outage, fault-free (the normal switch)", "ms", 1));
        for (PipelineService victim : VICTIMS) {
            printStats("longest outage, " + victim.module() + " killed", outcomes.stream()
                    .filter(o -> o.fault().stage() == victim).map(Outcome::outageMillis).toList());
        }
    }

    private static void reportBroker(ReleasePlan plan, List<Double> baseline, List<Outcome> outcomes) {
        System.out.printf("%d releases of '%s' (%d services), the broker (own process) killed or stopped in each and "
                + "started again %d s later%n%n", outcomes.size(), plan.release(), plan.services().size(), DOWN_FOR.toSeconds());
        System.out.println("| # | broker | in the work of | ms after it accepted | broker unavailable (ms) | verdict | "
                + "Verified records | builds (tags) per service | loads | creates per container | starts per container | "
                + "request → verdict (ms) | broker answering → verdict (ms) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Outcome o : outcomes) {
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %d | %.0f | %s | %.0f | %.0f |%n", o.index(), o.fault().target(),
                    o.fault().stage().module(), o.fault().afterMillis(), o.fault().measuredMillis().orElse(Double.NaN),
                    counts(o), o.millis(), o.afterFaultMillis().orElse(Double.NaN));
        }
        System.out.println();
        statsHeader();
        System.out.println(Stats.of(baseline).row("fault-free", "ms", 1));
        for (String how : List.of("SIGKILL", "SIGTERM")) {
            List<Outcome> sample = outcomes.stream().filter(o -> o.fault().target().equals(how)).toList();
            printStats("request → verdict, broker " + how, sample.stream().map(Outcome::millis).toList());
            printStats("broker unavailable, " + how, sample.stream()
                    .map(o -> o.fault().measuredMillis().orElse(Double.NaN)).toList());
            printStats("broker answering → verdict, " + how, sample.stream()
                    .map(o -> o.afterFaultMillis().orElse(Double.NaN)).toList());
        }
    }

    private static void reportInstances(ReleasePlan plan, List<Double> baseline, List<Outcome> outcomes, FaultMode mode) {
        System.out.printf("%d releases of '%s' (%d services), %d instances of each stage over %d partitions, the instance "
                + "that accepted the release's event killed (SIGKILL) and started again after the verdict%n%n",
                outcomes.size(), plan.release(), plan.services().size(), mode.layout().instances(), mode.layout().partitions());
        System.out.println("| # | killed | ms after it accepted | kill → other instance received it (ms) | verdict | "
                + "Verified records | builds (tags) per service | loads | creates per container | starts per container | "
                + "request → verdict (ms) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Outcome o : outcomes) {
            System.out.printf(Locale.ROOT, "| %d | %s | %d | %s | %s | %.0f |%n", o.index(), o.fault().target(),
                    o.fault().afterMillis(), o.fault().measuredMillis().map(ms -> String.format(Locale.ROOT, "%.0f", ms))
                            .orElse("none (acknowledged before the kill)"), counts(o), o.millis());
        }
        System.out.println();
        statsHeader();
        System.out.println(Stats.of(baseline).row("fault-free", "ms", 1));
        for (PipelineService victim : VICTIMS) {
            printStats("request → verdict, " + victim.module() + " instance killed", outcomes.stream()
                    .filter(o -> o.fault().stage() == victim).map(Outcome::millis).toList());
        }
        printStats("kill → other instance received the record", outcomes.stream()
                .flatMap(o -> o.fault().measuredMillis().stream()).toList());
    }

    private static String counts(Outcome o) {
        return String.format(Locale.ROOT, "%s | %d | %d | %d | %d | %d", o.verdict() == null ? "none" : o.verdict().verdict(),
                o.verifiedRecords(), o.tags(), o.loads(), o.creates(), o.starts());
    }

    private static void statsHeader() {
        System.out.println("| ms | n | median | p90 | min | max |");
        System.out.println("|---|---|---|---|---|---|");
    }

    private static void printStats(String name, List<Double> sample) {
        List<Double> measured = sample.stream().filter(ms -> !ms.isNaN()).toList();
        if (!measured.isEmpty()) {
            System.out.println(Stats.of(measured).row(name, "ms", 1));
        }
    }

    private static void awaitLog(Path log, String text) throws Exception {
        Instant deadline = Instant.now().plus(VERDICT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (logContains(log, text)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("'" + text + "' not in " + log + " within " + VERDICT_TIMEOUT);
    }

    /** The instance whose log first shows {@code text}. */
    private static ServiceProcess awaitAnyLog(List<ServiceProcess> instances, String text) throws Exception {
        Instant deadline = Instant.now().plus(VERDICT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            for (ServiceProcess instance : instances) {
                if (logContains(instance.log(), text)) {
                    return instance;
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("'" + text + "' in no instance's log within " + VERDICT_TIMEOUT);
    }

    private static boolean logContains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Waits for the release's Verified and returns when it was seen, running {@code tick} at each look; a broker that is down is waited out. */
    private static Instant awaitVerified(KafkaClients clients, ReleaseId id, Runnable tick) throws InterruptedException {
        Instant deadline = Instant.now().plus(VERDICT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            tick.run();
            try {
                if (TopicSnapshot.read(clients, Topics.defaultName(EventType.VERIFIED)).stream()
                        .anyMatch(r -> id.value().equals(r.key()))) {
                    return Instant.now();
                }
            } catch (org.apache.kafka.common.KafkaException e) {
                // the broker is restarting: ask again
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no verdict for " + id + " within " + VERDICT_TIMEOUT);
    }
}
