package dev.actiongate.testing;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The official MCP Java SDK's client, over its Streamable HTTP transport, as an MCP host would run it. */
public final class McpClients {

    private McpClients() {
    }

    /**
     * A client of {@code root + /mcp} that sends this bearer token with every request; not yet initialized.
     * It keeps the tools' output schemas from tools/list and checks every structured answer against its own.
     */
    public static McpSyncClient signedIn(URI root, String accessToken) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(root.toString())
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) -> {
                    if (accessToken != null) {
                        request.header("Authorization", "Bearer " + accessToken);
                    }
                })
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).enableCallToolSchemaCaching(true).build();
    }

    /** A client that has not signed in: it sends no token. */
    public static McpSyncClient anonymous(URI root) {
        return signedIn(root, null);
    }

    /** The HTTP answer behind an SDK client's failure on 401 or 403, as its transport reports it. */
    public static HttpResponse.ResponseInfo refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof McpHttpClientTransportAuthorizationException refused) {
                return refused.getResponseInfo();
            }
        }
        throw new AssertionError("not an authorization refusal", failure);
    }
}
