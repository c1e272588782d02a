package dev.slipway.cdevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdevents.CDEvents;
import dev.cdevents.models.CDEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/**
 * A CDEvent as a CloudEvents 1.0 event in structured mode ({@code application/cloudevents+json}), following the
 * CDEvents binding: {@code id}, {@code source}, {@code type} and {@code time} are the CDEvent's context, {@code subject}
 * its subject's id, {@code data} the CDEvent itself (as the SDK writes it). The SDK's own
 * {@code CDEvents.cdEventAsCloudEvent} gives a CloudEvents 0.3 event with a random id; this keeps the CDEvent's id.
 */
public final class StructuredCloudEvent {
    /** The Kafka {@code content-type} header of a structured CloudEvent in JSON. */
    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFormat FORMAT = new JsonFormat();

    private StructuredCloudEvent() {}

    /** The CloudEvent that carries {@code event}. */
    public static CloudEvent of(CDEvent event) {
        String data = CDEvents.cdEventAsJson(event);
        JsonNode json;
        try {
            json = MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the CDEvents SDK wrote JSON it cannot read back: " + e.getMessage(), e);
        }
        JsonNode context = json.path("context");
        return CloudEventBuilder.v1()
                .withId(context.path("id").asText())
                .withSource(URI.create(context.path("source").asText()))
                .withType(context.path("type").asText())
                .withSubject(json.path("subject").path("id").asText())
                .withTime(OffsetDateTime.parse(context.path("timestamp").asText()))
                .withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** {@link #of} written as JSON, the value of a record on the CDEvents topic. */
    public static byte[] json(CDEvent event) {
        return FORMAT.serialize(of(event));
    }
}
