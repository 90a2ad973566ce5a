package dev.actiongate.mcp;

import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /mcp} at the HTTP level, where an MCP client and API Gateway meet it: the Streamable HTTP rules
 * of a stateless JSON-only server, the origin check, and the resource server's challenges (MCP
 * "Authorization"; RFC 6750 §3; RFC 9728 §5.1). Each test runs over HTTP against the local server and
 * through the Lambda handler with API Gateway events.
 */
class McpProtocolTest {

    private static final String INSPECTOR = "https://inspector.example.com";
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},
             "clientInfo":{"name":"curl","version":"1"}}}""";

    @RegisterExtension
    static final Gates gates = Gates.withProvider()
            .with("actiongate.github.repositories", "acme/web")
            .with("actiongate.mcp.allowed-origins", INSPECTOR + ",http://localhost:*");

    private final TestIdentityProvider idp = gates.provider();

    static Stream<Arguments> both() {
        return gates.both();
    }

    // --- the resource server's side of MCP authorization

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void withoutATokenTheChallengeSaysWhereToSignInAndWhichScopesToAskFor(String name, Transport gate) {
        Transport.Answer answer = gate.post("/mcp", json(Map.of()), INITIALIZE);

        assertEquals(401, answer.status(), answer.body());
        String metadataUrl = metadataUrl(answer);
        Map<String, Object> metadata = ChatGptAndBrowser.json(gate.get(metadataUrl.substring(metadataUrl.indexOf("/.well-known/"))));
        assertEquals(metadataUrl.replace("/.well-known/oauth-protected-resource/mcp", "/mcp"), metadata.get("resource"));
        Map<String, Object> server = ChatGptAndBrowser.json(gate.get("/.well-known/oauth-authorization-server"));
        assertEquals(List.of(server.get("issuer")), metadata.get("authorization_servers"));
        assertEquals(List.of("header"), metadata.get("bearer_methods_supported"));
        List<String> requestable = List.of("workflows:read", "workflows:trigger", "deployments:read", "logs:read", "analytics:read");
        assertEquals(requestable, metadata.get("scopes_supported"));
        assertEquals(requestable, server.get("scopes_supported"));
        assertEquals("Bearer resource_metadata=\"" + metadataUrl + "\", scope=\"" + String.join(" ", requestable) + "\"",
                answer.header("www-authenticate"), "no error code when no token was sent (RFC 6750 §3.1)");
        assertTrue(answer.body().contains("not signed in"), answer.body());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theRootMetadataKeepsDescribingTheRestApi(String name, Transport gate) {
        Map<String, Object> root = ChatGptAndBrowser.json(gate.get("/.well-known/oauth-protected-resource"));
        Map<String, Object> mcp = ChatGptAndBrowser.json(gate.get("/.well-known/oauth-protected-resource/mcp"));

        assertEquals(mcp.get("resource"), root.get("resource") + "/mcp");
        assertEquals(root.get("scopes_supported"), mcp.get("scopes_supported"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aBadTokenIsInvalidTokenWithTheSameDiscoveryHints(String name, Transport gate) {
        Transport.Answer answer = gate.post("/mcp", json(bearer("not-a-jwt")), INITIALIZE);

        assertEquals(401, answer.status(), answer.body());
        String challenge = answer.header("www-authenticate");
        assertTrue(challenge.startsWith("Bearer error=\"invalid_token\", error_description=\""), challenge);
        assertTrue(challenge.contains("resource_metadata=\"" + metadataUrl(answer) + "\""), challenge);
    }

    /** MCP "Access Token Privilege Restriction": a token issued for another resource is refused, never passed on. */
    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aTokenForAnotherAudienceIsRefused(String name, Transport gate) {
        String token = idp.sign(idp.validClaims("alice").audience("https://other-api.example.com").claim("scope", "workflows:read").build());

        Transport.Answer answer = gate.post("/mcp", json(bearer(token)), INITIALIZE);

        assertEquals(401, answer.status(), answer.body());
        assertTrue(answer.header("www-authenticate").contains("error=\"invalid_token\""), answer.header("www-authenticate"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aToolCallWithoutItsScopeIs403WithAStepUpChallenge(String name, Transport gate) {
        String token = idp.accessToken("alice", "workflows:read");

        Transport.Answer answer = gate.post("/mcp", protocol(bearer(token)), """
                {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"triggerWorkflow",
                 "arguments":{"workflow":"deploy.yml","repo":"acme/web","ref":"main"}}}""");

        assertEquals(403, answer.status(), answer.body());
        String challenge = answer.header("www-authenticate");
        assertTrue(challenge.startsWith("Bearer error=\"insufficient_scope\", scope=\"workflows:trigger\", resource_metadata=\""), challenge);
        assertTrue(challenge.endsWith("/.well-known/oauth-protected-resource/mcp\""), challenge);
        assertTrue(answer.body().contains("workflows:trigger"), answer.body());
        Transport.Answer listed = gate.post("/mcp", protocol(bearer(token)), "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\"}");
        assertEquals(200, listed.status(), "listing needs no scope: " + listed.body());
    }

    // --- Streamable HTTP, stateless and JSON only

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void initializeIsAnsweredAsJsonWithoutASession(String name, Transport gate) {
        Transport.Answer answer = gate.post("/mcp", json(bearer(token())), INITIALIZE);

        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.header("content-type").startsWith("application/json"), answer.header("content-type"));
        assertNull(answer.header("mcp-session-id"), "a stateless server issues no session");
        Map<String, Object> result = result(answer);
        assertEquals("2025-11-25", result.get("protocolVersion"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aClientOn2025_06_18GetsThatRevision(String name, Transport gate) {
        Transport.Answer answer = gate.post("/mcp", json(bearer(token())), INITIALIZE.replace("2025-11-25", "2025-06-18"));

        assertEquals("2025-06-18", result(answer).get("protocolVersion"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aClientOnAnUnknownRevisionIsOfferedTheNewest(String name, Transport gate) {
        Transport.Answer answer = gate.post("/mcp", json(bearer(token())), INITIALIZE.replace("2025-11-25", "2026-07-28"));

        assertEquals("2025-11-25", result(answer).get("protocolVersion"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void pingAnswersAnEmptyResult(String name, Transport gate) {
        Transport.Answer answer = gate.post("/mcp", protocol(bearer(token())), "{\"jsonrpc\":\"2.0\",\"id\":\"p-1\",\"method\":\"ping\"}");

        assertEquals(200, answer.status(), answer.body());
        assertEquals(Map.of("jsonrpc", "2.0", "id", "p-1", "result", Map.of()), ChatGptAndBrowser.json(answer));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void getAndDeleteAre405AllowingPost(String name, Transport gate) {
        for (String method : List.of("GET", "DELETE")) {
            Transport.Answer answer = gate.send(method, "/mcp", Map.of("accept", "text/event-stream", "authorization", "Bearer " + token()), null);

            assertEquals(405, answer.status(), method + " " + answer.body());
            assertEquals("POST", answer.header("allow"), method);
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aNotificationIs202WithNoBody(String name, Transport gate) {
        Transport.Answer answer = gate.post("/mcp", protocol(bearer(token())), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        assertEquals(202, answer.status(), answer.body());
        assertEquals("", answer.body());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aBatchIs400InvalidRequestWithANullId(String name, Transport gate) {
        Transport.Answer answer = gate.post("/mcp", protocol(bearer(token())),
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]");

        assertEquals(400, answer.status(), answer.body());
        Map<String, Object> body = ChatGptAndBrowser.json(answer);
        assertTrue(body.containsKey("id") && body.get("id") == null, answer.body());
        assertEquals(-32600L, ((Map<?, ?>) body.get("error")).get("code"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void anUnknownMethodIsMethodNotFound(String name, Transport gate) {
        for (String method : List.of("resources/list", "server/discover")) {
            Transport.Answer answer = gate.post("/mcp", protocol(bearer(token())), "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"" + method + "\"}");

            assertEquals(200, answer.status(), answer.body());
            Map<String, Object> body = ChatGptAndBrowser.json(answer);
            assertEquals(3L, body.get("id"));
            assertEquals(-32601L, ((Map<?, ?>) body.get("error")).get("code"), method);
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void anUnsupportedProtocolVersionHeaderIs400(String name, Transport gate) {
        Map<String, String> headers = new LinkedHashMap<>(json(bearer(token())));
        headers.put("mcp-protocol-version", "2026-07-28");

        Transport.Answer answer = gate.post("/mcp", headers, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}");

        assertEquals(400, answer.status(), answer.body());
        Map<String, Object> body = ChatGptAndBrowser.json(answer);
        assertEquals(4L, body.get("id"));
        assertTrue(((String) ((Map<?, ?>) body.get("error")).get("message")).contains("2025-06-18 and 2025-11-25"), answer.body());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void invalidArgumentsOn2025_06_18AreAJsonRpcInvalidParamsError(String name, Transport gate) {
        Map<String, String> headers = new LinkedHashMap<>(json(bearer(idp.accessToken("alice", "workflows:read"))));
        headers.put("mcp-protocol-version", "2025-06-18");

        Transport.Answer answer = gate.post("/mcp", headers, """
                {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"listRuns","arguments":{"repo":"acme/web","limit":"many"}}}""");

        assertEquals(200, answer.status(), answer.body());
        Map<?, ?> error = (Map<?, ?>) ChatGptAndBrowser.json(answer).get("error");
        assertEquals(-32602L, error.get("code"), answer.body());
        assertTrue(((String) error.get("message")).contains("listRuns"), answer.body());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void anUnknownToolIsAnError(String name, Transport gate) {
        Transport.Answer answer = gate.post("/mcp", protocol(bearer(token())),
                "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"deleteRepository\",\"arguments\":{}}}");

        assertEquals(200, answer.status(), answer.body());
        Map<String, Object> body = ChatGptAndBrowser.json(answer);
        assertTrue(body.containsKey("error"), answer.body());
        assertTrue(!answer.body().contains("Exception") && !answer.body().contains("\tat "), answer.body());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aBodyThatIsNotJsonRpcIs400ParseError(String name, Transport gate) {
        Transport.Answer answer = gate.post("/mcp", protocol(bearer(token())), "this is not JSON");

        assertEquals(400, answer.status(), answer.body());
        assertEquals(-32700L, ((Map<?, ?>) ChatGptAndBrowser.json(answer).get("error")).get("code"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aBodyThatIsNotJsonIs415AndAClientThatTakesNoJsonIs406(String name, Transport gate) {
        Transport.Answer text = gate.post("/mcp", Map.of("content-type", "text/plain", "authorization", "Bearer " + token()), "{}");
        Transport.Answer streamOnly = gate.post("/mcp", Map.of("content-type", "application/json", "accept", "text/event-stream",
                "authorization", "Bearer " + token()), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");

        assertEquals(415, text.status(), text.body());
        assertEquals(406, streamOnly.status(), streamOnly.body());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aBodyOver1MbIs413(String name, Transport gate) {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}}";

        Transport.Answer answer = gate.post("/mcp", protocol(bearer(token())), big);

        assertEquals(413, answer.status(), answer.body());
    }

    // --- Origin (DNS rebinding) and CORS

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aPageFromAnotherOriginIs403BeforeTheTokenIsLookedAt(String name, Transport gate) {
        Map<String, String> headers = new LinkedHashMap<>(json(Map.of()));
        headers.put("origin", "https://evil.example.net");

        Transport.Answer answer = gate.post("/mcp", headers, INITIALIZE);

        assertEquals(403, answer.status(), answer.body());
        assertNull(answer.header("www-authenticate"));
        assertNull(answer.header("access-control-allow-origin"));
    }

    /** The MCP Inspector's page on this machine, as the local run allows it; a deployment lists its own origins. */
    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void anAllowedOriginGetsCorsThatExposesTheChallenge(String name, Transport gate) {
        String inspector = "http://localhost:6274";
        Transport.Answer preflight = gate.send("OPTIONS", "/mcp", Map.of("origin", inspector, "access-control-request-method", "POST",
                "access-control-request-headers", "authorization, content-type, mcp-protocol-version"), null);
        Map<String, String> headers = new LinkedHashMap<>(json(Map.of()));
        headers.put("origin", inspector);
        Transport.Answer unauthenticated = gate.post("/mcp", headers, INITIALIZE);

        assertTrue(preflight.status() == 204 || preflight.status() == 200, preflight.status() + " " + preflight.body());
        assertEquals(inspector, preflight.header("access-control-allow-origin"));
        assertTrue(preflight.header("access-control-allow-methods").contains("POST"), preflight.header("access-control-allow-methods"));
        assertTrue(preflight.header("access-control-allow-headers").toLowerCase(Locale.ROOT).contains("mcp-protocol-version"));
        assertEquals(401, unauthenticated.status());
        assertEquals(inspector, unauthenticated.header("access-control-allow-origin"));
        assertTrue(unauthenticated.header("access-control-expose-headers").contains("WWW-Authenticate"));
    }

    /** A hosted page the deployment lists, as API Gateway passes it on (the local server refuses any origin not on loopback). */
    @Test
    void aListedHostedOriginGetsCorsThroughTheLambdaHandler() {
        Map<String, String> headers = new LinkedHashMap<>(json(Map.of()));
        headers.put("origin", INSPECTOR);

        Transport.Answer answer = gates.lambda().post("/mcp", headers, INITIALIZE);

        assertEquals(401, answer.status());
        assertEquals(INSPECTOR, answer.header("access-control-allow-origin"));
    }

    // --- helpers

    private String token() {
        return idp.accessToken("alice", "workflows:read");
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("authorization", "Bearer " + token);
    }

    /** What every MCP client sends on a POST: JSON in, JSON or an event stream accepted (Streamable HTTP). */
    private static Map<String, String> json(Map<String, String> more) {
        Map<String, String> headers = new LinkedHashMap<>(more);
        headers.put("content-type", "application/json");
        headers.put("accept", "application/json, text/event-stream");
        return headers;
    }

    /** As {@link #json}, after initialize: with the negotiated revision in MCP-Protocol-Version. */
    private static Map<String, String> protocol(Map<String, String> more) {
        Map<String, String> headers = json(more);
        headers.put("mcp-protocol-version", "2025-11-25");
        return headers;
    }

    private static String metadataUrl(Transport.Answer answer) {
        String challenge = answer.header("www-authenticate");
        int start = challenge.indexOf("resource_metadata=\"") + "resource_metadata=\"".length();
        return challenge.substring(start, challenge.indexOf('"', start));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(Transport.Answer answer) {
        assertEquals(200, answer.status(), answer.body());
        return (Map<String, Object>) ChatGptAndBrowser.json(answer).get("result");
    }
}
