package dev.actiongate.web;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations as the OpenAPI 3.1 document written at build time describes them (micronaut-openapi,
 * from the GPT face's controllers): names, descriptions, parameters, schemas and scopes. The one source
 * both faces describe the operations from: the GPT's schema is it with the deployment's base URL, the
 * MCP tools are made from it.
 */
@Singleton
public final class ApiDescription {

    static final String RESOURCE = "META-INF/swagger/actiongate.json";

    private final Map<String, Object> document;

    @SuppressWarnings("unchecked")
    ApiDescription(JsonMapper json) {
        try (InputStream in = ApiDescription.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            Object read = json.readValue(in.readAllBytes(), Argument.mapOf(String.class, Object.class));
            this.document = (Map<String, Object>) frozen(repaired(read));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole document, unmodifiable all the way down. */
    public Map<String, Object> document() {
        return document;
    }

    /**
     * The generator's OpenAPI 3.1 nullable forms made valid JSON Schema 2020-12, which clients validate
     * answers against: {@code ["string", "null", "object"]} would accept any object where a string is
     * meant; {@code {"type": "null", "allOf": [ref]}} accepts only null, and
     * {@code {"type": "null", "additionalProperties": …}} only null where a map is meant. And an object
     * schema says it is one ({@code "type": "object"}), as MCP requires of a tool's output schema.
     */
    @SuppressWarnings("unchecked")
    static Object repaired(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(ApiDescription::repaired).toList();
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        map.forEach((key, nested) -> schema.put((String) key, repaired(nested)));
        Object type = schema.get("type");
        if (type instanceof List<?> types && types.contains("null") && types.contains("object") && types.size() > 2
                && !schema.containsKey("properties") && !schema.containsKey("additionalProperties")) {
            schema.put("type", types.stream().filter(name -> !"object".equals(name)).toList());
        } else if ("null".equals(type) && schema.get("allOf") instanceof List<?> parts && parts.size() == 1) {
            schema.remove("type");
            schema.remove("allOf");
            Map<String, Object> repaired = new LinkedHashMap<>();
            repaired.put("anyOf", List.of(parts.getFirst(), Map.of("type", "null")));
            repaired.putAll(schema);
            return repaired;
        } else if ("null".equals(type) && schema.containsKey("additionalProperties")) {
            schema.put("type", List.of("object", "null"));
        } else if ("null".equals(type) && schema.containsKey("items")) {
            schema.put("type", List.of("array", "null"));
        } else if (type == null && schema.containsKey("properties")) {
            Map<String, Object> typed = new LinkedHashMap<>();
            typed.put("type", "object");
            typed.putAll(schema);
            return typed;
        }
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static <T> T frozen(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, nested) -> copy.put((String) key, frozen(nested)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(ApiDescription::frozen).toList();
        }
        return value;
    }
}
