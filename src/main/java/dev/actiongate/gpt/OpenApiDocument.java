package dev.actiongate.gpt;

import dev.actiongate.web.ApiDescription;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 document that micronaut-openapi wrote at build time, completed with what every operation
 * shares ({@link DocumentConventions}: error answers, contact) and with this deployment's base URL: the one
 * {@code servers} entry ChatGPT allows and absolute OAuth endpoints.
 */
@Singleton
final class OpenApiDocument {

    private final JsonMapper json;
    private final Map<String, Object> generated;

    OpenApiDocument(JsonMapper json, ApiDescription description, PrivacySettings privacy) {
        this.json = json;
        Map<String, Object> completed = deepCopy(description.document());
        DocumentConventions.apply(completed, privacy);
        this.generated = completed;
    }

    byte[] json(String baseUrl) {
        try {
            return json.writeValueAsBytes(forBaseUrl(baseUrl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String yaml(String baseUrl) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(200);
        return new Yaml(options).dump(forBaseUrl(baseUrl));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> forBaseUrl(String baseUrl) {
        Map<String, Object> document = deepCopy(generated);
        document.put("servers", List.of(Map.of("url", baseUrl)));
        Map<String, Object> components = (Map<String, Object>) document.get("components");
        Map<String, Object> schemes = (Map<String, Object>) components.get("securitySchemes");
        Map<String, Object> scheme = (Map<String, Object>) schemes.get(ApiDocumentDefinition.SCHEME);
        Map<String, Object> flows = (Map<String, Object>) scheme.get("flows");
        Map<String, Object> code = (Map<String, Object>) flows.get("authorizationCode");
        for (String endpoint : List.of("authorizationUrl", "tokenUrl", "refreshUrl")) {
            if (code.get(endpoint) instanceof String path && path.startsWith("/")) {
                code.put(endpoint, baseUrl + path);
            }
        }
        return document;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> nested ? deepCopy((Map<String, Object>) nested)
                : value instanceof List<?> list ? new ArrayList<>(list) : value));
        return copy;
    }
}
