package dev.actiongate.mcp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tool call's arguments, after the input schema has checked them, with the schema's defaults for what
 * was left out: the same defaults the REST face applies to its query parameters.
 */
final class ToolArguments {

    private final Map<String, Object> values;

    @SuppressWarnings("unchecked")
    ToolArguments(Map<String, Object> arguments, Map<String, Object> properties) {
        Map<String, Object> values = new LinkedHashMap<>();
        properties.forEach((name, schema) -> {
            Object given = arguments.get(name);
            Object fallback = ((Map<String, Object>) schema).get("default");
            if (given != null) {
                values.put(name, given);
            } else if (fallback != null) {
                values.put(name, fallback);
            }
        });
        this.values = values;
    }

    String text(String name) {
        return values.get(name) instanceof String value ? value : null;
    }

    int integer(String name) {
        return values.get(name) instanceof Number number ? number.intValue() : 0;
    }

    long number(String name) {
        return values.get(name) instanceof Number number ? number.longValue() : 0;
    }

    boolean flag(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    @SuppressWarnings("unchecked")
    Map<String, String> texts(String name) {
        if (!(values.get(name) instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        ((Map<String, Object>) map).forEach((key, value) -> texts.put(key, String.valueOf(value)));
        return texts;
    }
}
