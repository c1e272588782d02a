package dev.slipway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns events into JSON and back, validating both ways against the event's JSON Schema:
 * nothing leaves a stage that the schema rejects, and nothing invalid enters one.
 */
public final class EventCodec {
    private static final EventCodec INSTANCE = new EventCodec();

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    private EventCodec() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(m -> m.mapPrefix(EventType.SCHEMA_BASE, "classpath:schemas/")));
        for (EventType type : EventType.values()) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(type.dataSchema().toString()));
            schema.initializeValidators();
            schemas.put(type, schema);
        }
    }

    public static EventCodec instance() {
        return INSTANCE;
    }

    /**
     * Encodes and decodes one event of every type, so that the first real record does not pay for the
     * lazy set-up (schemas, validators, Jackson's serializers, class loading); a stage calls it at start.
     */
    public void warmUp() {
        CodecWarmUp.run(this);
    }

    public String encode(Object event) {
        EventType type = EventType.of(event.getClass());
        JsonNode tree = mapper.valueToTree(event);
        String problems = problems(type, tree);
        if (problems != null) {
            throw new IllegalStateException("refusing to emit an invalid " + type.type() + " event: " + problems);
        }
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type.type() + " event", e);
        }
    }

    public <T> T decode(EventType type, String json) {
        JsonNode tree = parse(json);
        String problems = problems(type, tree);
        if (problems != null) {
            throw new InvalidEventException("record is not a valid " + type.type() + " event: " + problems);
        }
        try {
            @SuppressWarnings("unchecked")
            T event = (T) mapper.treeToValue(tree, type.recordType());
            return event;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("record is not a valid " + type.type() + " event: " + rootMessage(e), e);
        }
    }

    /** The schema violations of a JSON document, or null when it is valid. Used by tests and audits too. */
    public String validate(EventType type, String json) {
        return problems(type, parse(json));
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    private JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("record has no value (expected a JSON event)");
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("record value is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private String problems(EventType type, JsonNode tree) {
        Set<ValidationMessage> errors = schemas.get(type).validate(tree);
        if (errors.isEmpty()) {
            return null;
        }
        return errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
