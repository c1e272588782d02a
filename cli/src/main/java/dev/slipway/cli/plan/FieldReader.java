package dev.slipway.cli.plan;

import dev.slipway.events.names.InvalidNameException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads typed values out of YAML fields, recording what was expected when a field does not fit. */
final class FieldReader {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final PlanErrors errors;

    FieldReader(PlanErrors errors) {
        this.errors = errors;
    }

    boolean mapping(YamlField field, List<String> fields, boolean required) {
        if (!field.present()) {
            if (required) {
                errors.add(field, "missing: expected a mapping with fields " + String.join(", ", fields));
            }
            return false;
        }
        if (!field.isMapping()) {
            errors.add(field, "expected a mapping with fields " + String.join(", ", fields) + ", found "
                    + field.describe());
            return false;
        }
        knownFields(field, fields);
        return true;
    }

    void knownFields(YamlField field, List<String> allowed) {
        for (String key : field.keys()) {
            if (!allowed.contains(key)) {
                errors.add(field, "unknown field '" + key + "' (expected one of: " + String.join(", ", allowed) + ")");
            }
        }
    }

    <T> T name(YamlField field, String expected, Function<String, T> parse) {
        String text = text(field, expected, true);
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (InvalidNameException e) {
            errors.add(field, e.getMessage());
            return null;
        }
    }

    String text(YamlField field, String expected, boolean required) {
        if (!field.present()) {
            if (required) {
                errors.add(field, "missing: expected " + expected);
            }
            return null;
        }
        if (!field.isScalar() || field.node().asText().isEmpty()) {
            errors.add(field, "expected " + expected + ", found " + (field.isScalar() ? "an empty value" : field.describe()));
            return null;
        }
        return field.node().asText();
    }

    Integer integer(YamlField field, int min, int max, String expected) {
        if (!field.present()) {
            return null;
        }
        if (!field.node().isIntegralNumber() || !field.node().canConvertToInt()
                || field.node().intValue() < min || field.node().intValue() > max) {
            errors.add(field, "expected " + expected + ", found " + field.describe());
            return null;
        }
        return field.node().intValue();
    }

    Boolean bool(YamlField field) {
        if (!field.present()) {
            return null;
        }
        if (!field.node().isBoolean()) {
            errors.add(field, "expected true or false, found " + field.describe());
            return null;
        }
        return field.node().booleanValue();
    }

    /** A mapping of names to scalar values; with {@code variableNames} the keys must be environment-variable names. */
    Map<String, String> stringMap(YamlField field, boolean variableNames) {
        Map<String, String> map = new LinkedHashMap<>();
        if (!field.present()) {
            return map;
        }
        if (!field.isMapping()) {
            errors.add(field, "expected a mapping of names to values, found " + field.describe());
            return null;
        }
        int before = errors.count();
        for (String key : field.keys()) {
            YamlField value = field.child(key);
            if (variableNames && !VARIABLE.matcher(key).matches()) {
                errors.add(field, "name '" + key + "' is not valid: expected letters, digits and '_', not starting with a digit");
            } else if (!value.isScalar()) {
                errors.add(value, "expected a text value, found " + value.describe());
            } else {
                map.put(key, value.node().asText());
            }
        }
        return errors.count() == before ? map : null;
    }
}
