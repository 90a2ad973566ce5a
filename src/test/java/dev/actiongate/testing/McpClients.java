package dev.actiongate.testing;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;

import java.net.URI;
import java.time.Duration;

/** The official MCP Java SDK's client, over its Streamable HTTP transport, as an MCP host would run it. */
public final class McpClients {

    private McpClients() {
    }

    /** A client of {@code root + /mcp} that sends this bearer token with every request; not yet initialized. */
    public static McpSyncClient signedIn(URI root, String accessToken) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(root.toString())
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + accessToken))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    }
}
