package dev.slipway.console.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.broker.KafkaBroker;
import dev.slipway.broker.container.KafkaContainerBroker;
import dev.slipway.cli.kafka.EventPublisher;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.console.kafka.ConsoleKafka;
import dev.slipway.events.Topics;
import dev.slipway.record.HistoryRow;
import dev.slipway.record.testing.ShopRelease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The index survives a restart in its compacted topic: a second console lists the releases without reading them again. */
class IndexRestartTest {
    private static final Instant T0 = Instant.parse("2026-11-27T05:00:00Z");
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaContainerBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void aRestartedConsoleListsFromItsIndexAndReadsOnlyWhatCameAfter() {
        ShopRelease first = new ShopRelease("shop-2.1.0-0000000a", T0);
        ShopRelease second = new ShopRelease("shop-2.1.0-0000000b", T0.plusSeconds(60));
        publish(first, List.of(first.request, first.built("web"), first.built("api"), first.distributed("web"),
                first.distributed("api"), first.rolledOut("web"), first.rolledOut("api"), first.passed()));
        publish(second, List.of(second.request, second.built("web")));

        Started one = start();
        await().atMost(Duration.ofSeconds(30)).until(() -> one.index.listedCount() == 2
                && one.index.page(0, 10).get(0).state().equals("at image-built") && one.index.page(0, 10).get(1).state().equals("PASSED"));
        one.tailer.stop();
        publish(second, List.of(second.built("api")));

        Started two = start();
        await().atMost(Duration.ofSeconds(30)).until(() -> two.ready.get() != null);
        ReadyReport report = two.ready.get();
        assertThat(report.releases()).isEqualTo(2);
        assertThat(report.loadedEntries()).isEqualTo(2);
        assertThat(report.recordsRead()).as("only the record written while it was down").isEqualTo(1);
        assertThat(report.logLine()).startsWith("console ready: 2 releases indexed in ");
        assertThat(two.index.page(0, 10)).extracting(HistoryRow::releaseId, HistoryRow::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(second.id.value(), "at image-built"),
                        org.assertj.core.groups.Tuple.tuple(first.id.value(), "PASSED"));
        assertThat(new RangeReader(new ConsoleKafka(broker.bootstrapServers())).read(two.index.get(second.id.value()).orElseThrow()))
                .as("the release's events read back from its ranges").hasSize(3);

        publish(second, List.of(second.distributed("web")));
        await().atMost(Duration.ofSeconds(30)).until(() -> two.index.get(second.id.value()).orElseThrow().summary().state()
                .equals("at image-distributed"));
        two.tailer.stop();
    }

    @Test
    void releasesPushedOutOfMemoryWhileTheTopicsAreReadAreStillListedWhole() {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (dev.slipway.events.EventType type : dev.slipway.events.EventType.values()) {
            names.put(Topics.configKey(type), "crowded." + type.channel());
        }
        Topics topics = Topics.from(names::get);
        List<ShopRelease> releases = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> new ShopRelease("shop-2.1.0-0000001" + i, T0.plusSeconds(i))).toList();
        // more releases in progress at once than it keeps in memory: all requests first, then every release's other events
        // together, so one batch holds records of releases it has pushed out of memory
        releases.forEach(release -> publish(topics, release, List.of(release.request)));
        Started crowded = start(topics, "crowded.console-index", 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> crowded.ready.get() != null && crowded.index.listedCount() == 6);
        try (EventPublisher publisher = new EventPublisher(new KafkaClients(broker.bootstrapServers()), topics, Clock.systemUTC())) {
            java.util.List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            try (var producer = new KafkaClients(broker.bootstrapServers()).producer()) {
                for (ShopRelease release : releases) {
                    for (Object event : List.of(release.built("web"), release.built("api"), release.distributed("web"),
                            release.distributed("api"), release.rolledOut("web"), release.rolledOut("api"), release.passed())) {
                        sent.add(producer.send(publisher.record(event, release.id)));
                    }
                }
                producer.flush();
            }
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(crowded.index.page(0, 10))
                .extracting(HistoryRow::state).containsOnly("PASSED").hasSize(6));
        assertThat(crowded.index.listedCount()).isEqualTo(6);
        crowded.tailer.stop();
    }

    private record Started(TopicTailer tailer, ReleaseIndex index, AtomicReference<ReadyReport> ready) {}

    private static Started start() {
        return start(Topics.defaults(), "slipway.console-index", 100);
    }

    private static Started start(Topics topics, String indexTopic, int inMemory) {
        ConsoleKafka kafka = new ConsoleKafka(broker.bootstrapServers());
        ReleaseIndex index = new ReleaseIndex();
        AtomicReference<ReadyReport> ready = new AtomicReference<>();
        TopicTailer tailer = new TopicTailer(kafka, topics, new IndexStore(kafka, indexTopic), index,
                new RecentReleaseEvents(inMemory), entry -> { }, ready::set);
        Thread thread = new Thread(tailer::runUntilStopped, "test-tailer");
        thread.setDaemon(true);
        thread.start();
        return new Started(tailer, index, ready);
    }

    private static void publish(ShopRelease release, List<Object> events) {
        publish(Topics.defaults(), release, events);
    }

    private static void publish(Topics topics, ShopRelease release, List<Object> events) {
        try (EventPublisher publisher = new EventPublisher(new KafkaClients(broker.bootstrapServers()), topics,
                Clock.systemUTC())) {
            events.forEach(event -> publisher.publish(event, release.id));
        }
    }
}
