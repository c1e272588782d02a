package dev.slipway.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A node of the parsed YAML tree together with its path from the top, e.g. {@code services[1].build.context}. */
record YamlField(String path, JsonNode node) {
    static YamlField root(JsonNode node) {
        return new YamlField("", node);
    }

    YamlField child(String name) {
        JsonNode value = node == null ? null : node.get(name);
        return new YamlField(path.isEmpty() ? name : path + "." + name, value);
    }

    YamlField item(int index) {
        return new YamlField(path + "[" + index + "]", node.get(index));
    }

    boolean present() {
        return node != null && !node.isNull();
    }

    boolean isMapping() {
        return node != null && node.isObject();
    }

    boolean isList() {
        return node != null && node.isArray();
    }

    boolean isScalar() {
        return node != null && node.isValueNode() && !node.isNull();
    }

    List<YamlField> items() {
        List<YamlField> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(item(i));
        }
        return items;
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        fields.forEachRemaining(entry -> keys.add(entry.getKey()));
        return keys;
    }

    /** How this node looks in an error message: a mapping, a list, or the scalar itself. */
    String describe() {
        if (node == null || node.isNull()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "'" + node.asText() + "'";
    }
}
