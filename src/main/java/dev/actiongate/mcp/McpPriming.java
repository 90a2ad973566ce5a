package dev.actiongate.mcp;

import dev.actiongate.config.SnapshotPriming;
import dev.actiongate.security.Caller;
import dev.actiongate.security.Face;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SDK's part of an MCP request, run before a SnapStart snapshot: reading JSON-RPC, initialize,
 * tools/list, and a tools/call whose arguments the input schema refuses (so the schema validator is
 * loaded and the call goes no further: nothing is metered, nothing reaches GitHub or the table). The
 * handler's priming requests cannot get this far, as their token is refused.
 */
@Singleton
final class McpPriming implements SnapshotPriming {

    private static final Caller NOBODY = new Caller("priming", null, null, null, Set.of(), null, "priming", Face.MCP);
    private static final List<String> MESSAGES = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"priming\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"getRun\",\"arguments\":{\"runId\":\"priming\"}}}");

    private final McpTransport transport;
    private final McpJsonMapper json;
    /** @param server built first, so that its handler is in the transport */
    McpPriming(McpStatelessSyncServer server, McpTransport transport, McpJsonMapper json) {
        this.transport = transport;
        this.json = json;
    }

    @Override
    public void prime() {
        McpTransportContext context = McpTransportContext.create(Map.of(McpCall.KEY, new McpCall(NOBODY, null, "2025-11-25")));
        for (String message : MESSAGES) {
            try {
                McpSchema.JSONRPCRequest request = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(json, message);
                McpTransport.written(json, transport.handler().handleRequest(context, request).block());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
