package dev.actiongate.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.modelcontextprotocol.spec.ProtocolVersions;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The SDK's side of ActionGate's MCP transport: it hands the controller the handler the stateless server
 * installs, and names the protocol revisions served. 2025-03-26 is left out: it allows JSON-RPC batches,
 * which a stateless JSON-only endpoint refuses. The last is the one offered to a client asking for another.
 */
final class McpTransport implements McpStatelessServerTransport {

    static final List<String> VERSIONS = List.of(ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);

    private volatile McpStatelessServerHandler handler;

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    McpStatelessServerHandler handler() {
        return handler;
    }

    /** The SDK's answer to one request, as the JSON the client reads. */
    static String written(McpJsonMapper json, McpSchema.JSONRPCResponse answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    @Override
    public List<String> protocolVersions() {
        return VERSIONS;
    }
}
