package dev.actiongate.mcp;

import com.sun.net.httpserver.HttpServer;
import dev.actiongate.testing.Browser;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpFront;
import dev.actiongate.testing.McpClients;
import dev.actiongate.testing.MutableClock;
import dev.actiongate.testing.PkceChallenge;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import io.micronaut.context.ApplicationContext;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An MCP client that arrives knowing only the server's URL, as Claude Code, VS Code or ChatGPT's connectors do,
 * end to end: the 401 on {@code /mcp}, the protected-resource metadata, the bridge's metadata, the client's
 * identity (its Client ID Metadata Document served here, or a registration at {@code /register}), the
 * authorization request with PKCE and {@code resource} to a loopback redirect on a random port, the consent
 * page, the sign-in at the test's real OpenID provider, the callback with {@code iss}, the code at
 * {@code /token}, and tool calls with the SDK's own client; then refreshes that rotate, and an old refresh
 * token used again, which ends the sign-in. Over HTTP on the local server and through the Lambda handler.
 */
class McpClientSignInTest {

    /** What Claude Code's metadata document lists: the loopback callback, called back on a port chosen per sign-in. */
    private static final String REGISTERED_REDIRECT = "http://127.0.0.1/callback";
    private static final Duration PAST_THE_REPLAY_WINDOW = Duration.ofSeconds(61);

    @RegisterExtension
    static final Gates gates = Gates.withSignInPage().with("actiongate.test.clock", "mutable");
    /** The Lambda handler as the local run: its public root on loopback, so it reads the document served on loopback. */
    static final Gates lambdaOnLoopback = gates.sameProvider().with("actiongate.test.clock", "mutable")
            .with("actiongate.public-base-url", "http://localhost:8080");

    private static HttpServer documents;
    private static String documentUrl;

    private final TestIdentityProvider idp = gates.provider();

    @BeforeAll
    static void serveTheClientsDocument() throws IOException {
        documents = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        documentUrl = "http://127.0.0.1:" + documents.getAddress().getPort() + "/oauth/client-metadata.json";
        byte[] document = ("{\"client_id\":\"" + documentUrl + "\",\"client_name\":\"Claude Code\",\"redirect_uris\":[\""
                + REGISTERED_REDIRECT + "\"],\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"response_types\":[\"code\"],"
                + "\"token_endpoint_auth_method\":\"none\"}").getBytes(StandardCharsets.UTF_8);
        documents.createContext("/oauth/client-metadata.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, document.length);
            exchange.getResponseBody().write(document);
            exchange.close();
        });
        documents.start();
    }

    @AfterAll
    static void stop() {
        documents.stop(0);
    }

    /** Each transport, with each way a client identifies itself. */
    static Stream<Arguments> transportsAndIdentities() {
        return Stream.of("HTTP", "Lambda").flatMap(name -> Stream.of("metadata document", "registration")
                .map(identity -> Arguments.of(name, identity)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("transportsAndIdentities")
    void aClientThatKnowsOnlyTheUrlSignsInCallsToolsAndItsRefreshTokensRotate(String name, String identity) throws Exception {
        Transport gate = name.equals("HTTP") ? gates.http() : lambdaOnLoopback.lambda();
        ApplicationContext context = name.equals("HTTP") ? gates.server().context() : lambdaOnLoopback.lambda().context();

        // 1. Discovery, from the 401 alone.
        Transport.Answer unauthenticated = gate.post("/mcp", Map.of("content-type", "application/json",
                "accept", "application/json, text/event-stream"), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"claude-code\",\"version\":\"2.0\"}}}");
        assertEquals(401, unauthenticated.status());
        String challenge = unauthenticated.header("www-authenticate");
        Map<String, Object> resource = ChatGptAndBrowser.json(gate.get(URI.create(quoted(challenge, "resource_metadata")).getRawPath()));
        String issuer = (String) ((List<?>) resource.get("authorization_servers")).getFirst();
        Map<String, Object> server = ChatGptAndBrowser.json(gate.get(URI.create(issuer).getRawPath() + "/.well-known/oauth-authorization-server"));
        assertEquals(issuer, server.get("issuer"));
        assertEquals(List.of("S256"), server.get("code_challenge_methods_supported"));
        assertEquals(true, server.get("client_id_metadata_document_supported"));
        assertEquals(true, server.get("authorization_response_iss_parameter_supported"));
        assertTrue(((List<?>) server.get("token_endpoint_auth_methods_supported")).contains("none"), server.toString());

        // 2. Who the client is.
        String clientId = identity.equals("registration") ? register(gate, server) : documentUrl;

        // 3. The authorization request, the consent page, the provider's sign-in, the callback.
        String verifier = "mcp-client-verifier-" + ThreadLocalRandom.current().nextLong(1L << 40) + "-0123456789-0123456789";
        String redirectUri = "http://127.0.0.1:" + ThreadLocalRandom.current().nextInt(20_000, 60_000) + "/callback";
        Map<String, String> authorize = new LinkedHashMap<>();
        authorize.put("response_type", "code");
        authorize.put("client_id", clientId);
        authorize.put("redirect_uri", redirectUri);
        authorize.put("scope", quoted(challenge, "scope"));
        authorize.put("state", "mcp-state-1");
        authorize.put("code_challenge", PkceChallenge.of(verifier));
        authorize.put("code_challenge_method", "S256");
        authorize.put("resource", (String) resource.get("resource"));
        Browser browser = new Browser(gate);
        Transport.Answer consent = browser.get(URI.create((String) server.get("authorization_endpoint")).getRawPath() + "?"
                + ChatGptAndBrowser.form(authorize));
        assertEquals(200, consent.status(), consent.body());
        assertTrue(consent.body().contains("Allow <strong>Claude Code</strong> to use ActionGate for you?"), consent.body());
        Transport.Answer approved = browser.approve(consent);
        assertEquals(303, approved.status(), approved.body());
        String bridgeCallback = new ChatGptAndBrowser(gate, idp).signInAtProvider(approved.header("location"), "erin@example.com");
        Transport.Answer back = browser.get(pathAndQuery(bridgeCallback));
        assertEquals(302, back.status(), back.body());
        assertTrue(back.header("location").startsWith(redirectUri + "?"), back.header("location"));
        Map<String, String> response = ChatGptAndBrowser.parse(URI.create(back.header("location")).getRawQuery());
        assertEquals("mcp-state-1", response.get("state"));
        assertEquals(issuer, response.get("iss"), "RFC 9207: the client checks who answered");

        // 4. The code at /token, as a public client: no secret, the PKCE verifier, the resource.
        String tokenPath = URI.create((String) server.get("token_endpoint")).getRawPath();
        Map<String, Object> tokens = gate.post(tokenPath, Map.of("content-type", "application/x-www-form-urlencoded"),
                ChatGptAndBrowser.form(Map.of("grant_type", "authorization_code", "code", response.get("code"), "redirect_uri", redirectUri,
                        "client_id", clientId, "code_verifier", verifier, "resource", (String) resource.get("resource")))).ok();
        String firstRefresh = (String) tokens.get("refresh_token");
        assertTrue(firstRefresh != null && !firstRefresh.isEmpty(), tokens.toString());

        // 5. Tools, with the SDK's client.
        assertEquals("erin@example.com", toolCallSubject(name, gate, (String) tokens.get("access_token")));

        // 6. A refresh answers a new refresh token, and the new access token works.
        Map<String, Object> refreshed = refresh(gate, tokenPath, clientId, firstRefresh).ok();
        String secondRefresh = (String) refreshed.get("refresh_token");
        assertNotEquals(firstRefresh, secondRefresh, "a public client's refresh token rotates");
        assertEquals("erin@example.com", toolCallSubject(name, gate, (String) refreshed.get("access_token")));

        // 7. The first refresh token again, after the replay window: the sign-in ends, the newest token with it.
        MutableClock clock = context.getBean(MutableClock.class);
        clock.set(clock.instant().plus(PAST_THE_REPLAY_WINDOW));
        Transport.Answer reused = refresh(gate, tokenPath, clientId, firstRefresh);
        Transport.Answer newest = refresh(gate, tokenPath, clientId, secondRefresh);

        assertEquals(400, reused.status(), reused.body());
        assertEquals("invalid_grant", ChatGptAndBrowser.json(reused).get("error"));
        assertEquals(400, newest.status(), newest.body());
        assertEquals("invalid_grant", ChatGptAndBrowser.json(newest).get("error"), "the whole family is revoked");
    }

    private static String register(Transport gate, Map<String, Object> server) {
        assertTrue(server.get("registration_endpoint") instanceof String, server.toString());
        Transport.Answer registered = gate.post(URI.create((String) server.get("registration_endpoint")).getRawPath(),
                Map.of("content-type", "application/json"), "{\"client_name\":\"Claude Code\",\"redirect_uris\":[\"" + REGISTERED_REDIRECT
                        + "\"],\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"token_endpoint_auth_method\":\"none\"}");
        assertEquals(201, registered.status(), registered.body());
        Map<String, Object> client = ChatGptAndBrowser.json(registered);
        assertEquals("none", client.get("token_endpoint_auth_method"));
        return (String) client.get("client_id");
    }

    private static Transport.Answer refresh(Transport gate, String tokenPath, String clientId, String refreshToken) {
        return gate.post(tokenPath, Map.of("content-type", "application/x-www-form-urlencoded"),
                ChatGptAndBrowser.form(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", clientId)));
    }

    /** The subject getMe reports, through the SDK's client over HTTP (in front of the Lambda handler for that transport). */
    private static String toolCallSubject(String name, Transport gate, String accessToken) throws Exception {
        URI root = name.equals("HTTP") ? gates.server().uri("/") : null;
        try (HttpFront front = root == null ? new HttpFront(gate) : null;
             McpSyncClient client = McpClients.signedIn(root == null ? front.uri() : root, accessToken)) {
            client.initialize();
            McpSchema.CallToolResult me = client.callTool(new McpSchema.CallToolRequest("getMe", Map.of()));
            assertTrue(me.isError() == null || !me.isError(), me.toString());
            return (String) ((Map<?, ?>) me.structuredContent()).get("subject");
        }
    }

    private static String quoted(String challenge, String parameter) {
        int start = challenge.indexOf(parameter + "=\"") + parameter.length() + 2;
        return challenge.substring(start, challenge.indexOf('"', start));
    }

    private static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

}
