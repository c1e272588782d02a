package dev.slipway.bench;

import dev.slipway.cli.kafka.BuildRequests;
import dev.slipway.cli.kafka.EventPublisher;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.kafka.TopicSnapshot;
import dev.slipway.cli.local.LocalPipeline;
import dev.slipway.cli.local.PipelineService;
import dev.slipway.cli.local.RepoRoot;
import dev.slipway.cli.plan.PlanFile;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.Version;
import dev.slipway.events.plan.ReleasePlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Releases a plan N times, one after another, through the local pipeline (in-process broker, the four
 * services as child JVMs, one Docker engine), then reads the topics and the services' logs and prints:
 * the time from request to verdict split by stage, the event overhead of each hop (from a stage's
 * output event, by its ce_time, to the next stage accepting it, by its "received" log line), and the
 * peak RSS of each service. Each hop is broken down by the stage-support HopTrace interceptors the bench
 * turns on in the services (when the producer's send() was called and acknowledged, when the consumer's
 * poll() returned the record) and the decode time in the "received" line; beside it, for the same
 * period on the same broker, a plain Kafka producer → consumer round trip ({@link KafkaRoundTrip}).
 * Usage: PipelineBench ENGINE [RELEASES] [PLAN].
 */
public final class PipelineBench {
    private static final Duration VERDICT_TIMEOUT = Duration.ofMinutes(5);

    private record Event(EventType type, String id, String release, Instant time) {}

    public static void main(String[] args) throws Exception {
        String engine = args[0];
        int releases = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path repo = RepoRoot.find(Path.of("").toAbsolutePath());
        Path planFile = args.length > 2 ? Path.of(args[2]) : repo.resolve("examples/shop/slipway.yaml");
        Path sourceRoot = PlanFile.sourceRootOf(planFile);
        ReleasePlan plan = PlanFile.read(planFile, sourceRoot);
        Path runFolder = repo.resolve("target/bench/" + System.currentTimeMillis());
        Map<String, Long> rss;
        List<Event> events = new ArrayList<>();
        List<ReleaseId> ids = new ArrayList<>();
        List<Double> baselineAcked;
        List<Double> baselineReceived;
        LocalPipeline.Settings settings = new LocalPipeline.Settings(repo, engine, sourceRoot, runFolder,
                Duration.ofMinutes(3));
        settings = traced(settings, PipelineService.BUILDER, "build-requested", "image-built");
        settings = traced(settings, PipelineService.DISTRIBUTOR, "image-built", "image-distributed");
        settings = traced(settings, PipelineService.ROLLOUT, "image-distributed", "rollout-done");
        settings = traced(settings, PipelineService.VERIFIER, "rollout-done", "verified");
        try (LocalPipeline pipeline = LocalPipeline.start(settings, line -> System.err.println("[pipeline] " + line))) {
            KafkaClients clients = new KafkaClients(pipeline.bootstrapServers());
            KafkaRoundTrip baseline = KafkaRoundTrip.start(pipeline.bootstrapServers());
            try (EventPublisher publisher = new EventPublisher(clients, Topics.defaults(), Clock.systemUTC());
                    KafkaConsumer<String, byte[]> verdicts = clients.readOnlyConsumer()) {
                TopicPartition verified = new TopicPartition(Topics.defaultName(EventType.VERIFIED), 0);
                verdicts.assign(List.of(verified));
                verdicts.seekToEnd(List.of(verified));
                verdicts.position(verified);
                BuildRequests requests = new BuildRequests(publisher, Clock.systemUTC(), new SecureRandom());
                for (int i = 1; i <= releases; i++) {
                    ReleaseId id = requests.publish(plan, Version.of("bench." + System.currentTimeMillis() + "." + i));
                    ids.add(id);
                    awaitVerified(verdicts, id);
                    System.err.println("[bench] release " + i + "/" + releases + " verified: " + id);
                }
            } finally {
                baseline.close();
            }
            baselineAcked = baseline.acked();
            baselineReceived = baseline.received();
            rss = pipeline.peakRssKib();
            for (EventType type : EventType.values()) {
                for (ConsumerRecord<String, byte[]> record : TopicSnapshot.read(clients, Topics.defaultName(type))) {
                    events.add(new Event(type, header(record, "ce_id"), record.key(),
                            OffsetDateTime.parse(header(record, "ce_time")).toInstant()));
                }
            }
        }
        ReceivedLog log = ReceivedLog.read(runFolder);
        report(releases, plan, ids, events, log, rss);
        System.out.println();
        System.out.println("| plain Kafka round trip on the same broker, during the releases (ms) " + Stats.HEADER);
        System.out.println("|---" + Stats.RULE);
        System.out.println(Stats.of(baselineAcked).rowWithP99("send() → acknowledged (acks=all)", 1));
        System.out.println(Stats.of(baselineReceived).rowWithP99("send() → consumer's poll() returns it", 1));
    }

    /** The settings with the HopTrace interceptors on {@code service}'s incoming and outgoing channel. */
    private static LocalPipeline.Settings traced(LocalPipeline.Settings settings, PipelineService service, String incoming,
            String outgoing) {
        return settings.withProperties(service, Map.of(
                "mp.messaging.incoming." + incoming + ".interceptor.classes", "dev.slipway.stage.HopTrace$Polled",
                "mp.messaging.outgoing." + outgoing + ".interceptor.classes", "dev.slipway.stage.HopTrace$Sent"));
    }

    private static void report(int releases, ReleasePlan plan, List<ReleaseId> ids, List<Event> events,
            ReceivedLog log, Map<String, Long> rss) {
        Map<String, Instant> received = log.received();
        Map<EventType, List<Double>> hops = new EnumMap<>(EventType.class);
        List<Double> afterFirst = new ArrayList<>();
        Map<String, List<Double>> parts = new java.util.LinkedHashMap<>();
        List.of("ce_time → producer send() (emitter, SmallRye's sending thread)",
                "producer send() → broker's ack (not part of the hop)",
                "producer send() → consumer poll() returns it (client, broker, client)",
                "poll() returns it → \"received\" logged (event loop, worker thread, decode, log)",
                "of which decode and schema validation")
                .forEach(name -> parts.put(name, new ArrayList<>()));
        List<List<Double>> part = new ArrayList<>(parts.values());
        for (Event event : events) {
            Instant accepted = received.get(event.id());
            if (accepted != null && event.type() != EventType.VERIFIED) {
                double hop = (double) Duration.between(event.time(), accepted).toNanos() / 1e6;
                hops.computeIfAbsent(event.type(), t -> new ArrayList<>()).add(hop);
                if (!ids.isEmpty() && !ids.get(0).value().equals(event.release())) {
                    afterFirst.add(hop);
                }
            }
            Instant sent = log.sent().get(event.id());
            Instant acked = log.acked().get(event.id());
            Instant polled = log.polled().get(event.id());
            if (sent != null) {
                part.get(0).add(millis(event.time(), sent));
                if (acked != null) {
                    part.get(1).add(millis(sent, acked));
                }
                if (polled != null) {
                    part.get(2).add(millis(sent, polled));
                }
            }
            if (polled != null && accepted != null) {
                part.get(3).add(millis(polled, accepted));
            }
            Double decode = log.decodeMillis().get(event.id());
            if (decode != null) {
                part.get(4).add(decode);
            }
        }
        List<Double> total = new ArrayList<>();
        Map<String, List<Double>> stages = new java.util.LinkedHashMap<>();
        for (ReleaseId id : ids) {
            Map<EventType, Instant> last = new EnumMap<>(EventType.class);
            events.stream().filter(e -> id.value().equals(e.release()))
                    .forEach(e -> last.merge(e.type(), e.time(), (a, b) -> a.isAfter(b) ? a : b));
            stage(stages, "build (request → last image-built)", last, EventType.BUILD_REQUESTED, EventType.IMAGE_BUILT);
            stage(stages, "distribute (→ last image-distributed)", last, EventType.IMAGE_BUILT, EventType.IMAGE_DISTRIBUTED);
            stage(stages, "rollout (→ last rollout-done)", last, EventType.IMAGE_DISTRIBUTED, EventType.ROLLOUT_DONE);
            stage(stages, "verify (→ verified)", last, EventType.ROLLOUT_DONE, EventType.VERIFIED);
            total.add(millis(last.get(EventType.BUILD_REQUESTED), last.get(EventType.VERIFIED)));
        }
        System.out.printf("%d releases of '%s' (%d services), one after another%n%n", releases, plan.release(),
                plan.services().size());
        System.out.println("| request → verdict, by stage (ms) | n | median | p90 | min | max |");
        System.out.println("|---|---|---|---|---|---|");
        stages.forEach((name, sample) -> System.out.println(Stats.of(sample).row(name, "ms", 1)));
        System.out.println(Stats.of(total).row("total (build-requested → verified)", "ms", 1));
        System.out.println();
        System.out.println("| hop: event → next stage accepts it (ms) " + Stats.HEADER);
        System.out.println("|---" + Stats.RULE);
        List<Double> all = new ArrayList<>();
        hops.forEach((type, sample) -> {
            System.out.println(Stats.of(sample).rowWithP99(type.channel() + " → " + consumerOf(type), 1));
            all.addAll(sample);
        });
        System.out.println(Stats.of(all).rowWithP99("all hops", 1));
        System.out.println(Stats.of(afterFirst).rowWithP99("all hops after the first release (each stage's first record)", 1));
        System.out.println();
        System.out.println("| inside a hop, all hops (ms; \"received\" has ms resolution) " + Stats.HEADER);
        System.out.println("|---" + Stats.RULE);
        parts.forEach((name, sample) -> System.out.println(Stats.of(sample).rowWithP99(name, 1)));
        System.out.println();
        System.out.println("| service | peak RSS (MiB) |");
        System.out.println("|---|---|");
        rss.forEach((service, kib) -> System.out.printf("| %s | %.0f |%n", service, kib / 1024.0));
    }

    private static void stage(Map<String, List<Double>> stages, String name, Map<EventType, Instant> last, EventType from,
            EventType to) {
        stages.computeIfAbsent(name, n -> new ArrayList<>()).add(millis(last.get(from), last.get(to)));
    }

    private static String consumerOf(EventType type) {
        return switch (type) {
            case BUILD_REQUESTED -> "builder";
            case IMAGE_BUILT -> "distributor";
            case IMAGE_DISTRIBUTED -> "rollout";
            case ROLLOUT_DONE -> "verifier";
            case VERIFIED -> "watchers";
        };
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    /**
     * Waits for the release's Verified on one consumer kept open for the whole run (opening a consumer every
     * 200 ms, as before, loaded the 2 cores the hops are measured on).
     */
    private static void awaitVerified(KafkaConsumer<String, byte[]> verdicts, ReleaseId id) {
        Instant deadline = Instant.now().plus(VERDICT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : verdicts.poll(Duration.ofMillis(500))) {
                if (id.value().equals(record.key())) {
                    return;
                }
            }
        }
        throw new IllegalStateException("no verdict for " + id + " within " + VERDICT_TIMEOUT);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
