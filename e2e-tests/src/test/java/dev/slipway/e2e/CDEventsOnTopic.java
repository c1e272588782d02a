package dev.slipway.e2e;

import static dev.slipway.e2e.PipelineHarness.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdevents.CDEvents;
import dev.cdevents.models.CDEvent;
import dev.slipway.cdevents.CDEventsSchemas;
import dev.slipway.cli.kafka.TopicSnapshot;
import dev.slipway.events.names.ReleaseId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A release's records on {@code slipway.cdevents}, read as a CDEvents consumer would, each checked as it is read. */
final class CDEventsOnTopic {
    static final String TOPIC = "slipway.cdevents";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CDEventsOnTopic() {}

    /** The release's records; none when the topic does not exist (reading it would create it). */
    static List<ConsumerRecord<String, byte[]>> records(PipelineHarness harness, ReleaseId id) {
        try (Admin admin = harness.clients.admin()) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                return List.of();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot list the topics", e);
        }
        return TopicSnapshot.read(harness.clients, TOPIC).stream().filter(r -> id.value().equals(r.key())).toList();
    }

    /**
     * Each record as its CloudEvent, after checking it: header {@code content-type: application/cloudevents+json}, a
     * CloudEvents 1.0 envelope whose attributes are the CDEvent's context and subject id, data valid against its
     * CDEvents schema and readable by the CDEvents SDK.
     */
    static List<JsonNode> validated(List<ConsumerRecord<String, byte[]>> records) {
        List<JsonNode> cloudEvents = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String where = TOPIC + " offset " + record.offset();
            assertThat(header(record, "content-type")).as(where).isEqualTo("application/cloudevents+json");
            JsonNode cloudEvent = json(record);
            System.out.println("[cdevents] " + cloudEvent);
            JsonNode data = cloudEvent.path("data");
            assertThat(cloudEvent.path("specversion").asText()).as(where).isEqualTo("1.0");
            assertThat(cloudEvent.path("datacontenttype").asText()).as(where).isEqualTo("application/json");
            assertThat(cloudEvent.path("id").asText()).as(where).isEqualTo(data.at("/context/id").asText());
            assertThat(cloudEvent.path("type").asText()).as(where).isEqualTo(data.at("/context/type").asText());
            assertThat(cloudEvent.path("source").asText()).as(where).isEqualTo(data.at("/context/source").asText())
                    .startsWith("/slipway/");
            assertThat(cloudEvent.path("subject").asText()).as(where).isEqualTo(data.at("/subject/id").asText());
            assertThat(CDEventsSchemas.problems(data.toString())).as(where + ": " + data).isEmpty();
            CDEvent parsed = CDEvents.cdEventFromJson(data.toString());
            assertThat(parsed.currentCDEventType()).as(where).isEqualTo(cloudEvent.path("type").asText());
            cloudEvents.add(cloudEvent);
        }
        return cloudEvents;
    }

    static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return MAPPER.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException("record at offset " + record.offset() + " is not JSON", e);
        }
    }

    static List<String> types(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> json(r).path("type").asText()).toList();
    }

    static Map<String, Long> countByType(List<JsonNode> cloudEvents) {
        return cloudEvents.stream().collect(Collectors.groupingBy(e -> e.path("type").asText(), TreeMap::new,
                Collectors.counting()));
    }

    static List<JsonNode> ofType(List<JsonNode> cloudEvents, String type) {
        return cloudEvents.stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }
}
