package dev.actiongate.mcp;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MCP endpoint's refusals of a whole HTTP request, written as JSON-RPC error answers. Written with
 * Micronaut's mapper, not the SDK's, so that the origin check does not load the SDK and Jackson when the
 * function starts: the GPT face's cold start stays what it was.
 */
@Singleton
final class RpcErrors {

    private static final String JSONRPC_VERSION = "2.0";

    private final JsonMapper json;

    RpcErrors(JsonMapper json) {
        this.json = json;
    }

    /** JSON-RPC 2.0 §5.1: an error answer carries the request's id, or null when it could not be read. */
    MutableHttpResponse<String> of(HttpStatus status, Object id, int code, String sentence) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("jsonrpc", JSONRPC_VERSION);
        error.put("id", id);
        error.put("error", Map.of("code", code, "message", sentence));
        return HttpResponse.<String>status(status).body(write(error)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    MutableHttpResponse<String> of(HttpStatus status, int code, String sentence) {
        return of(status, null, code, sentence);
    }

    private String write(Map<String, Object> value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
