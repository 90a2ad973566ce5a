package dev.actiongate.mcp;

import dev.actiongate.web.ApiDescription;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MCP tools, one per operation of the API, made from the same description as the GPT's OpenAPI
 * document (so names, descriptions, parameters, bounds and scopes are never a second copy): the input
 * schema joins the operation's parameters and body properties, the output schema is its answer's schema
 * with every reference resolved, and the annotations come from {@link ToolHints}.
 */
@Singleton
final class ToolCatalog {

    /** A tool, the scopes the operation needs, and its input schema's property names in order. */
    record Entry(McpSchema.Tool tool, List<String> scopes, Map<String, Object> properties) {

        String name() {
            return tool.name();
        }
    }

    private static final String SCHEMAS = "#/components/schemas/";

    private final Map<String, Entry> entries;

    ToolCatalog(ApiDescription description) {
        this.entries = Collections.unmodifiableMap(entries(description.document()));
    }

    List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    Optional<Entry> find(String name) {
        return Optional.ofNullable(name == null ? null : entries.get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Entry> entries(Map<String, Object> document) {
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
        Map<String, Entry> entries = new LinkedHashMap<>();
        ((Map<String, Object>) document.get("paths")).forEach((path, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
            if (!path.startsWith("/api/") || !(value instanceof Map<?, ?> operation)) {
                return;
            }
            Map<String, Object> op = (Map<String, Object>) operation;
            String name = (String) op.get("operationId");
            Map<String, Object> input = inputSchema(op, schemas);
            McpSchema.Tool tool = McpSchema.Tool.builder()
                    .name(name)
                    .title((String) op.get("summary"))
                    .description((String) op.get("description"))
                    .inputSchema(input)
                    .outputSchema(outputSchema(op, schemas))
                    .annotations(ToolHints.of(name, (String) op.get("summary")))
                    .build();
            entries.put(name, new Entry(tool, scopes(op), (Map<String, Object>) input.get("properties")));
        }));
        return entries;
    }

    /** JSON Schema 2020-12 (which OpenAPI 3.1's schemas are) of the operation's parameters and body, flattened into one object. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> inputSchema(Map<String, Object> operation, Map<String, Object> schemas) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Object entry : (List<Object>) operation.getOrDefault("parameters", List.of())) {
            Map<String, Object> parameter = (Map<String, Object>) entry;
            Map<String, Object> schema = new LinkedHashMap<>(plain((Map<String, Object>) parameter.get("schema")));
            if (parameter.get("description") instanceof String text) {
                schema.put("description", text);
            }
            String name = (String) parameter.get("name");
            properties.put(name, schema);
            if (Boolean.TRUE.equals(parameter.get("required"))) {
                required.add(name);
            }
        }
        if (operation.get("requestBody") instanceof Map<?, ?> body) {
            Map<String, Object> schema = (Map<String, Object>) resolve(jsonSchema((Map<String, Object>) body), schemas);
            ((Map<String, Object>) schema.getOrDefault("properties", Map.of()))
                    .forEach((name, property) -> properties.put(name, plain((Map<String, Object>) property)));
            required.addAll((List<String>) schema.getOrDefault("required", List.of()));
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("type", "object");
        input.put("properties", properties);
        if (!required.isEmpty()) {
            input.put("required", required);
        }
        input.put("additionalProperties", false);
        return input;
    }

    /** The schema of the answer the operation gives when it succeeds. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> outputSchema(Map<String, Object> operation, Map<String, Object> schemas) {
        Map<String, Object> ok = (Map<String, Object>) ((Map<String, Object>) operation.get("responses")).get("200");
        return (Map<String, Object>) resolve(jsonSchema(ok), schemas);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonSchema(Map<String, Object> withContent) {
        Map<String, Object> content = (Map<String, Object>) withContent.get("content");
        return (Map<String, Object>) ((Map<String, Object>) content.get("application/json")).get("schema");
    }

    /** Every {@code $ref} replaced by the schema it names: a tool's schemas stand alone. */
    @SuppressWarnings("unchecked")
    private static Object resolve(Object schema, Map<String, Object> schemas) {
        if (schema instanceof Map<?, ?> map) {
            if (map.get("$ref") instanceof String ref && ref.startsWith(SCHEMAS)) {
                return resolve(schemas.get(ref.substring(SCHEMAS.length())), schemas);
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put((String) key, resolve(value, schemas)));
            return copy;
        }
        if (schema instanceof List<?> list) {
            return list.stream().map(value -> resolve(value, schemas)).toList();
        }
        return schema;
    }

    /**
     * A parameter's schema without what the OpenAPI generator adds for optional values: an optional
     * parameter is one that may be left out, so its type is the value's own ({@code string}, not
     * {@code ["string", "null", "object"]}).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> plain(Map<String, Object> schema) {
        Map<String, Object> copy = new LinkedHashMap<>(schema);
        if (copy.get("type") instanceof List<?> types) {
            List<Object> own = types.stream().filter(type -> !"null".equals(type) && !"object".equals(type)).map(Object.class::cast).toList();
            copy.put("type", own.size() == 1 ? own.getFirst() : own.isEmpty() ? "object" : own);
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static List<String> scopes(Map<String, Object> operation) {
        List<String> scopes = new ArrayList<>();
        for (Object requirement : (List<Object>) operation.getOrDefault("security", List.of())) {
            ((Map<String, List<String>>) requirement).values().forEach(scopes::addAll);
        }
        return List.copyOf(scopes);
    }
}
