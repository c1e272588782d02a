package dev.slipway.bench.history;

import dev.slipway.bench.Stats;
import dev.slipway.broker.EmbeddedKafkaBroker;
import dev.slipway.cli.SlipwayCli;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.kafka.TopicSnapshot;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a long history costs the commands that read the log: {@code slipway watch}, {@code slipway audit} and
 * {@code slipway history} timed to their first line of output and to their exit, on two sets of the five topics
 * in the same broker and process: one holding only the two releases asked about (baseline), one holding the same
 * two among PAST other releases spread over the last 30 days (default 10,000). Also the time to read the five
 * topics whole, which is what {@code slipway watch} did before it searched by time index; and the console started
 * as a process on each set, first building its index and then restarted on the index it kept (up to 3 rounds,
 * each on a fresh index topic; needs {@code console/target/quarkus-app}).
 *
 * <p>Usage: {@code HistoryBench [PAST] [ROUNDS]}; prints markdown tables.
 */
public final class HistoryBench {
    private static final Duration SPAN = Duration.ofDays(30);

    private HistoryBench() {}

    public static void main(String[] args) throws Exception {
        int past = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            KafkaClients clients = new KafkaClients(broker.bootstrapServers());
            Instant now = Instant.now();
            PastRelease old = PastRelease.number(1_000_000, now.minus(Duration.ofDays(15)).plusSeconds(7));
            PastRelease recent = PastRelease.number(1_000_001, now.minus(Duration.ofMinutes(2)));
            Map<String, TopicSet> sets = new LinkedHashMap<>();
            sets.put("baseline: only the 2 releases", TopicSet.of(clients, "bench.a", List.of(old, recent)));
            List<PastRelease> history = new ArrayList<>(List.of(old, recent));
            for (int i = 0; i < past; i++) {
                history.add(PastRelease.number(i, HistoryWriter.spread(now.minus(Duration.ofMinutes(3)), SPAN, i, past)));
            }
            history.sort(Comparator.comparing(PastRelease::requestedAt));
            long written = System.nanoTime();
            TopicSet full = TopicSet.of(clients, "bench.b", history);
            System.out.printf(Locale.ROOT, "wrote %d releases (%d records, %.1f KB per release) in %.1f s%n", history.size(),
                    full.writer.recordsWritten(), full.writer.bytesWritten() / 1024.0 / history.size(),
                    (System.nanoTime() - written) / 1e9);
            sets.put(past + " past releases over 30 days", full);

            Map<String, Map<String, List<Double>>> samples = new LinkedHashMap<>();
            for (int round = 0; round <= rounds; round++) {
                boolean warmUp = round == 0;
                for (Map.Entry<String, TopicSet> set : sets.entrySet()) {
                    Map<String, List<Double>> sample = samples.computeIfAbsent(set.getKey(), k -> new LinkedHashMap<>());
                    TopicSet topics = set.getValue();
                    String watchOld = "watch (release 15 days old), first line";
                    measure(sample, warmUp, watchOld, "watch (release 15 days old), verdict (exit)", 0,
                            topics.args("watch", old.id().value(), "--timeout", "60s"));
                    measure(sample, warmUp, "watch (release 2 min old), first line", "watch (release 2 min old), verdict (exit)", 0,
                            topics.args("watch", recent.id().value(), "--timeout", "60s"));
                    measure(sample, warmUp, "audit (release 15 days old), first line", "audit (release 15 days old), exit", 0,
                            topics.args("audit", old.id().value()));
                    measure(sample, warmUp, "history --since 7d, first line", "history --since 7d, exit", 0,
                            topics.args("history", "--since", "7d"));
                    if (round <= 2) {
                        measure(sample, warmUp, null, "watch (unknown id), exit 4", 4,
                                topics.args("watch", "shop-9.9.9-0badc0de", "--timeout", "60s"));
                    }
                    long start = System.nanoTime();
                    int records = 0;
                    for (EventType type : EventType.values()) {
                        records += TopicSnapshot.read(clients, topics.topics.name(type)).size();
                    }
                    if (!warmUp) {
                        sample.computeIfAbsent("read the five topics whole (" + records + " records)", k -> new ArrayList<>())
                                .add((System.nanoTime() - start) / 1e6);
                    }
                }
            }
            int setNumber = 0;
            for (Map.Entry<String, TopicSet> set : sets.entrySet()) {
                Map<String, List<Double>> sample = samples.get(set.getKey());
                setNumber++;
                for (int round = 0; round < Math.min(rounds, 3); round++) {
                    String index = "bench.console-index." + setNumber + "." + round;
                    ConsoleStart.Started first = ConsoleStart.run(broker.bootstrapServers(), set.getValue().topics, index,
                            Duration.ofMinutes(15));
                    ConsoleStart.Started again = ConsoleStart.run(broker.bootstrapServers(), set.getValue().topics, index,
                            Duration.ofMinutes(15));
                    System.out.printf(Locale.ROOT, "console on %s: first start %s; restart %s%n", set.getKey(), first, again);
                    sample.computeIfAbsent("console first start (builds its index), process start to ready", k -> new ArrayList<>())
                            .add(first.readyMillis());
                    sample.computeIfAbsent("console first start, index time it reports", k -> new ArrayList<>())
                            .add((double) first.indexMillis());
                    sample.computeIfAbsent("console restart (index kept), process start to ready", k -> new ArrayList<>())
                            .add(again.readyMillis());
                    sample.computeIfAbsent("console restart, index time it reports", k -> new ArrayList<>())
                            .add((double) again.indexMillis());
                    sample.computeIfAbsent("console restart, first /api/releases page", k -> new ArrayList<>())
                            .add(again.firstPageMillis());
                }
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "%d rounds after a warm-up, same broker and process, ms:%n%n", rounds);
            List<String> keys = new ArrayList<>(samples.values().iterator().next().keySet());
            List<String> names = new ArrayList<>(samples.keySet());
            System.out.println("| measure | " + names.get(0) + " (median) | " + names.get(1) + " (median) | ratio |");
            System.out.println("|---|---|---|---|");
            for (String key : keys) {
                Stats base = Stats.of(samples.get(names.get(0)).get(key));
                String fullKey = key.startsWith("read the five topics")
                        ? samples.get(names.get(1)).keySet().stream().filter(k -> k.startsWith("read the five")).findFirst().orElseThrow()
                        : key;
                Stats big = Stats.of(samples.get(names.get(1)).get(fullKey));
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f |%n",
                        key.startsWith("read the five") ? "read the five topics whole (what watch did before)" : key,
                        base.median(), big.median(), big.median() / base.median());
            }
            for (Map.Entry<String, Map<String, List<Double>>> set : samples.entrySet()) {
                System.out.println();
                System.out.println(set.getKey() + ":");
                System.out.println();
                System.out.println("| measure " + Stats.HEADER);
                System.out.println("|---" + Stats.RULE);
                set.getValue().forEach((key, values) -> System.out.println("| " + key + " " + Stats.of(values).rowWithP99("", 1).substring(3)));
            }
        }
    }

    /** Runs the CLI in this process; adds the time to its first line and to its exit, after checking its exit code. */
    private static void measure(Map<String, List<Double>> sample, boolean warmUp, String firstLineKey, String exitKey,
            int expectedCode, List<String> args) {
        FirstLineClock out = new FirstLineClock();
        StringWriter err = new StringWriter();
        int code = SlipwayCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        double exit = out.elapsedMillis();
        if (code != expectedCode) {
            throw new IllegalStateException("slipway " + String.join(" ", args) + " exited " + code + ", not " + expectedCode
                    + "\n" + out.head() + "\n" + err);
        }
        if (warmUp) {
            return;
        }
        if (firstLineKey != null) {
            sample.computeIfAbsent(firstLineKey, k -> new ArrayList<>()).add(out.firstLineMillis());
        }
        sample.computeIfAbsent(exitKey, k -> new ArrayList<>()).add(exit);
    }

    /** Five topics named {@code <prefix>.<channel>} holding the given releases. */
    private record TopicSet(String bootstrapServers, Topics topics, HistoryWriter writer) {
        static TopicSet of(KafkaClients clients, String prefix, List<PastRelease> releases) throws Exception {
            Map<String, String> names = new HashMap<>();
            for (EventType type : EventType.values()) {
                names.put(Topics.configKey(type), prefix + "." + type.channel());
            }
            Topics topics = Topics.from(names::get);
            HistoryWriter writer = new HistoryWriter(clients, topics);
            writer.createTopics(3);
            writer.write(releases);
            return new TopicSet(clients.bootstrapServers(), topics, writer);
        }

        List<String> args(String... command) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--bootstrap-servers", bootstrapServers));
            for (EventType type : EventType.values()) {
                args.addAll(List.of("--topic", type.channel() + "=" + topics.name(type)));
            }
            return args;
        }
    }
}
