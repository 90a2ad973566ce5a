package dev.actiongate.mcp;

import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpFront;
import dev.actiongate.testing.McpClients;
import dev.actiongate.testing.PkceChallenge;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an MCP client that takes a pre-registered client (VS Code when the server offers no registration,
 * Claude's custom connector, Cursor's {@code auth}, Claude Code's {@code --client-id}) does today: from the
 * 401 on {@code /mcp} to the metadata, a sign-in through the bridge with its own loopback redirect URI, PKCE
 * and the RFC 8707 {@code resource}, the code redeemed with the client's secret, and a tool call with the
 * token. The client's redirect URI is one an admin added to {@code actiongate.gpt.redirect-uris}.
 */
class McpSignInTest {

    private static final String VS_CODE_REDIRECT = "http://127.0.0.1:33418";

    @RegisterExtension
    static final Gates gates = Gates.withSignInPage()
            .with("actiongate.gpt.redirect-uris", List.of(TestIdentityProvider.GPT_REDIRECT_URI, VS_CODE_REDIRECT));

    private final TestIdentityProvider idp = gates.provider();

    static Stream<Arguments> both() {
        return gates.both();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aClientWithThePreRegisteredCredentialsFindsTheBridgeSignsInAndCallsATool(String name, Transport gate) throws Exception {
        Transport.Answer unauthenticated = gate.post("/mcp", Map.of("content-type", "application/json", "accept", "application/json, text/event-stream"),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"Visual Studio Code\",\"version\":\"1.106\"}}}");
        String challenge = unauthenticated.header("www-authenticate");
        URI metadataUrl = URI.create(quoted(challenge, "resource_metadata"));
        Map<String, Object> resource = ChatGptAndBrowser.json(gate.get(metadataUrl.getRawPath()));
        URI server = URI.create((String) ((List<?>) resource.get("authorization_servers")).getFirst());
        Map<String, Object> metadata = ChatGptAndBrowser.json(gate.get(server.getRawPath() + "/.well-known/oauth-authorization-server"));
        assertEquals(List.of("S256"), metadata.get("code_challenge_methods_supported"));

        String verifier = "vs-code-verifier-0123456789-0123456789-0123456789";
        Map<String, String> authorize = new LinkedHashMap<>();
        authorize.put("response_type", "code");
        authorize.put("client_id", TestIdentityProvider.GPT_CLIENT_ID);
        authorize.put("redirect_uri", VS_CODE_REDIRECT);
        authorize.put("scope", quoted(challenge, "scope"));
        authorize.put("state", "vscode-state");
        authorize.put("code_challenge", PkceChallenge.of(verifier));
        authorize.put("code_challenge_method", "S256");
        authorize.put("resource", (String) resource.get("resource"));
        ChatGptAndBrowser.Callback back = new ChatGptAndBrowser(gate, idp).signIn("dana@example.com", authorize);
        assertEquals("vscode-state", back.parameters().get("state"));

        Transport.Answer token = new ChatGptAndBrowser(gate, idp).token(Map.of(), Map.of("grant_type", "authorization_code",
                "code", back.code(), "redirect_uri", VS_CODE_REDIRECT, "code_verifier", verifier, "resource", (String) resource.get("resource"),
                "client_id", TestIdentityProvider.GPT_CLIENT_ID, "client_secret", TestIdentityProvider.GPT_CLIENT_SECRET));
        String accessToken = (String) token.ok().get("access_token");

        URI root = name.equals("HTTP") ? gates.http().server().uri("/") : null;
        try (HttpFront front = root == null ? new HttpFront(gate) : null;
             McpSyncClient client = McpClients.signedIn(root == null ? front.uri() : root, accessToken)) {
            client.initialize();
            McpSchema.CallToolResult me = client.callTool(new McpSchema.CallToolRequest("getMe", Map.of()));

            assertTrue(((McpSchema.TextContent) me.content().getFirst()).text().contains("\"subject\":\"dana@example.com\""), me.toString());
        }
    }

    private static String quoted(String challenge, String parameter) {
        int start = challenge.indexOf(parameter + "=\"") + parameter.length() + 2;
        return challenge.substring(start, challenge.indexOf('"', start));
    }

}
