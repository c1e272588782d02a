package dev.slipway.cdevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a CDEvent (its JSON, as on the topic inside the CloudEvent's {@code data}) against the CDEvents JSON schema of
 * its type, read from the schema files the CDEvents SDK ships ({@code dev/cdevents/spec/schemas/*.json}): nothing is
 * fetched. {@code dev.cdevents.build.finished.0.1.1} is checked against {@code buildfinished.json}.
 */
public final class CDEventsSchemas {
    private static final Pattern TYPE = Pattern.compile("dev\\.cdevents\\.([a-z]+)\\.([a-z]+)\\.\\d+\\.\\d+\\.\\d+");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private CDEventsSchemas() {}

    /** What is wrong with {@code cdevent} (its context type unknown, or each schema violation); empty when valid. */
    public static List<String> problems(String cdevent) {
        JsonNode json;
        try {
            json = MAPPER.readTree(cdevent);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        String type = json.path("context").path("type").asText();
        Matcher matcher = TYPE.matcher(type);
        if (!matcher.matches()) {
            return List.of("context.type '" + type + "' is not a CDEvents type (dev.cdevents.<subject>.<predicate>.<version>)");
        }
        String file = matcher.group(1) + matcher.group(2) + ".json";
        JsonSchema schema = SCHEMAS.computeIfAbsent(file,
                name -> FACTORY.getSchema(SchemaLocation.of("classpath:dev/cdevents/spec/schemas/" + name)));
        return schema.validate(json).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
