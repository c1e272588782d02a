package dev.slipway.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Any value as JSON with every object's fields in name order, two-space indents and {@code \n} line ends, so
 * the same value gives the same bytes whatever the JVM or the Jackson version's property order. Missing
 * values are written as {@code null}, not left out.
 */
public final class JsonRecord {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private JsonRecord() {}

    public static String render(Object value) {
        try {
            return MAPPER.writer(PRINTER).writeValueAsString(sorted(MAPPER.valueToTree(value))) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the audit record as JSON", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            object.fields().forEachRemaining(fields::add);
            fields.sort(Map.Entry.comparingByKey());
            ObjectNode result = MAPPER.createObjectNode();
            fields.forEach(field -> result.set(field.getKey(), sorted(field.getValue())));
            return result;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode result = MAPPER.createArrayNode();
            array.forEach(element -> result.add(sorted(element)));
            return result;
        }
        return node;
    }
}
