package dev.slipway.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cli.kafka.KafkaClients;
import dev.slipway.cli.kafka.TopicSnapshot;
import dev.slipway.events.names.ReleaseId;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What {@code slipway local --cdevents} prints after the verdict: the release's CDEvents on {@code slipway.cdevents},
 * one line each (type, subject, outcome when it has one). The verifier writes the verdict's CDEvents just after
 * Verified, so it waits up to 10 s for the release's {@code pipelinerun.finished}.
 */
public final class CDEventsListing {
    public static final String ENABLED = "slipway.cdevents.enabled";
    static final String TOPIC = "slipway.cdevents";
    private static final String LAST = "dev.cdevents.pipelinerun.finished.";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CDEventsListing() {}

    public static void print(KafkaClients clients, ReleaseId id, PrintWriter out) {
        Instant until = Instant.now().plus(WAIT);
        List<JsonNode> events = read(clients, id);
        while (events.stream().noneMatch(e -> e.path("type").asText().startsWith(LAST)) && Instant.now().isBefore(until)
                && pause()) {
            events = read(clients, id);
        }
        out.println();
        out.println("CDEvents of " + id + " on " + TOPIC + ": " + events.size());
        for (JsonNode event : events) {
            String outcome = event.at("/data/subject/content/outcome").asText("");
            out.println(String.format(Locale.ROOT, "  %-42s %-50s %s", event.path("type").asText(),
                    event.path("subject").asText(), outcome).stripTrailing());
        }
        out.flush();
    }

    private static List<JsonNode> read(KafkaClients clients, ReleaseId id) {
        try (Admin admin = clients.admin()) {
            // reading a topic that does not exist would create it
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                return List.of();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the topics: " + e.getCause().getMessage(), e.getCause());
        }
        return TopicSnapshot.read(clients, TOPIC).stream().filter(r -> id.value().equals(r.key()))
                .map(CDEventsListing::json).toList();
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return MAPPER.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException("record at offset " + record.offset() + " of " + TOPIC + " is not JSON", e);
        }
    }

    /** Waits a quarter of a second; false when interrupted (Ctrl-C). */
    private static boolean pause() {
        try {
            Thread.sleep(250);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
