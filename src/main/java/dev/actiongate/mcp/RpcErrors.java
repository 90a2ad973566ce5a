package dev.actiongate.mcp;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The MCP endpoint's refusals of a whole HTTP request, written as JSON-RPC error answers. */
@Singleton
final class RpcErrors {

    private final McpJsonMapper json;

    RpcErrors(McpJsonMapper json) {
        this.json = json;
    }

    /** JSON-RPC 2.0 §5.1: an error answer carries the request's id, or null when it could not be read. */
    MutableHttpResponse<String> of(HttpStatus status, Object id, int code, String sentence) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        error.put("id", id);
        error.put("error", Map.of("code", code, "message", sentence));
        return HttpResponse.<String>status(status).body(write(error)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    MutableHttpResponse<String> of(HttpStatus status, int code, String sentence) {
        return of(status, null, code, sentence);
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
