package dev.actiongate.mcp;

import dev.actiongate.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;

/**
 * One JSON-RPC request on {@code /mcp}, as the tools see it through the SDK's transport context: who
 * calls, the HTTP request it came in (for what metering counts; absent only while priming, which meters
 * nothing), and the protocol version the client says it speaks ({@code MCP-Protocol-Version}), absent on
 * the first request.
 */
record McpCall(Caller caller, @Nullable HttpRequest<?> request, @Nullable String protocolVersion) {

    static final String KEY = McpCall.class.getName();
}
