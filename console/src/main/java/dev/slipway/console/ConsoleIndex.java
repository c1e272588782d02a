package dev.slipway.console;

import dev.slipway.console.index.IndexEntry;
import dev.slipway.console.index.IndexStore;
import dev.slipway.console.index.RangeReader;
import dev.slipway.console.index.RecentReleaseEvents;
import dev.slipway.console.index.ReleaseIndex;
import dev.slipway.console.index.TopicTailer;
import dev.slipway.console.kafka.ConsoleKafka;
import dev.slipway.events.Topics;
import dev.slipway.kafka.security.ClientSecurity;
import dev.slipway.kafka.security.KafkaSecuritySettings;
import dev.slipway.kafka.security.KafkaSetting;
import dev.slipway.record.AuditRecord;
import dev.slipway.record.HistoryRow;
import dev.slipway.record.RecordAssembler;
import dev.slipway.record.ReleaseEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's view of the topics: the index, kept by a {@link TopicTailer} on its own thread from startup, the
 * record of one release, and the stream of summaries as releases change.
 */
@ApplicationScoped
public class ConsoleIndex {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ConsoleIndex.class);
    private final ReleaseIndex index = new ReleaseIndex();
    private final BroadcastProcessor<HistoryRow> updates = BroadcastProcessor.create();
    private final ConsoleKafka kafka;
    private final RecentReleaseEvents recent;
    private final IndexStore store;
    private final TopicTailer tailer;
    private volatile boolean ready;

    public ConsoleIndex(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, ConsoleSettings settings,
            Config config) {
        ClientSecurity security = ClientSecurity.of(KafkaSecuritySettings.from(setting -> config.getOptionalValue(setting.key(),
                String.class)), KafkaSetting.Naming.CONFIG);
        LOG.infof("Kafka clients connect to %s with %s", bootstrapServers, security.summary());
        this.kafka = new ConsoleKafka(bootstrapServers, security);
        this.recent = new RecentReleaseEvents(settings.cachedReleases());
        this.store = new IndexStore(kafka, settings.indexTopic());
        Topics topics = Topics.from(key -> config.getOptionalValue(key, String.class).orElse(null));
        this.tailer = new TopicTailer(kafka, topics, store, index, recent, this::announce, report -> ready = true);
    }

    void start(@Observes StartupEvent event) {
        Thread thread = new Thread(tailer::runUntilStopped, "console-tailer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        tailer.stop();
    }

    public boolean ready() {
        return ready;
    }

    public ReleaseIndex releases() {
        return index;
    }

    /** The record of a release the index knows, assembled from its events (kept, or read back from its ranges). */
    public Optional<AuditRecord> record(String releaseId) {
        Optional<IndexEntry> entry = index.get(releaseId);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        List<ReleaseEvent> events = recent.get(releaseId).orElseGet(() -> {
            try (RangeReader reader = new RangeReader(kafka)) {
                return reader.read(entry.get());
            }
        });
        return Optional.of(RecordAssembler.assemble(releaseId, events));
    }

    /** Every release's new summary as its events land. */
    public Multi<HistoryRow> updates() {
        return updates;
    }

    private void announce(IndexEntry entry) {
        if (ready && entry.listed()) {
            updates.onNext(entry.summary());
        }
    }
}
