package dev.actiongate.oauth.clients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.actiongate.config.ClientSettings;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MCP clients identified by a Client ID Metadata Document: served here by a JDK HTTP server on loopback, which
 * the local run (ActionGate itself on loopback) may read; a deployment (its public root https) refuses
 * loopback and every other special-use address, also behind a name that resolves to one.
 */
class MetadataDocumentClientsTest {

    private static final String LOOPBACK_REDIRECT = "http://127.0.0.1/callback";

    private static final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private static final ExecutorService threads = Executors.newCachedThreadPool();
    private static HttpServer documents;

    @RegisterExtension
    static final Gates gates = Gates.withProvider();
    /** ActionGate as deployed: its root is https, and two names resolve to special-use addresses. */
    static final Gates deployed = gates.sameProvider()
            .with("actiongate.public-base-url", "https://actiongate.example.com")
            .with("actiongate.test.names", "docs.example.com=10.0.0.7,metadata.example.com=169.254.169.254,v6.example.com=fd00::7")
            .with(ClientSettings.METADATA_DOCUMENTS, "https://docs.example.com/*,https://metadata.example.com/*,https://v6.example.com/*,"
                    + "https://127.0.0.1/*,https://[::ffff:127.0.0.1]/*,https://[::1]/*,https://[64:ff9b::a00:7]/*");

    /** The local run through the Lambda handler: its root is set to loopback, so loopback documents may be read. */
    static final Gates localLambda = gates.sameProvider().with("actiongate.public-base-url", "http://localhost:8080");

    private final TestIdentityProvider idp = gates.provider();
    private final HttpTransport gate = gates.http();

    @BeforeAll
    static void serveDocuments() throws IOException {
        documents = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        documents.setExecutor(threads);
        documents.createContext("/", MetadataDocumentClientsTest::answer);
        documents.start();
    }

    @AfterAll
    static void stop() {
        documents.stop(0);
        threads.shutdownNow();
    }

    static Stream<Arguments> deployedBoth() {
        return deployed.both();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + documents.getAddress().getPort() + path;
    }

    private static String document(String clientId, String extra) {
        return "{\"client_id\":\"" + clientId + "\",\"client_name\":\"Test MCP client\",\"redirect_uris\":[\"" + LOOPBACK_REDIRECT
                + "\",\"https://claude.ai/api/mcp/auth_callback\",\"https://evil.example.net/callback\"]" + extra + "}";
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int count = fetches.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        String self = url(path);
        switch (path) {
            case "/good.json", "/counted.json" -> send(exchange, 200, document(self, ""), "max-age=60");
            case "/no-store.json" -> send(exchange, 200, document(self, ""), "no-store");
            case "/chunked.json" -> sendChunked(exchange, document(self, ""));
            case "/other-id.json" -> send(exchange, 200, document(url("/good.json"), ""), null);
            case "/large.json" -> send(exchange, 200, document(self, ",\"padding\":\"" + "x".repeat(6000) + "\""), null);
            case "/large-chunked.json" -> sendChunked(exchange, document(self, ",\"padding\":\"" + "x".repeat(6000) + "\""));
            case "/slow.json" -> {
                try {
                    Thread.sleep(4_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 200, document(self, ""), null);
            }
            case "/redirect.json" -> {
                exchange.getResponseHeaders().add("Location", url("/good.json"));
                send(exchange, 302, "", null);
            }
            case "/flaky.json" -> send(exchange, count == 1 ? 500 : 200, count == 1 ? "oops" : document(self, ""), "max-age=60");
            case "/secret.json" -> send(exchange, 200, document(self, ",\"token_endpoint_auth_method\":\"client_secret_basic\""), null);
            case "/private-key.json" -> send(exchange, 200, document(self, ",\"token_endpoint_auth_method\":\"private_key_jwt\""), null);
            case "/private-key-or-none.json" -> send(exchange, 200, document(self, ",\"token_endpoint_auth_method\":\"private_key_jwt\","
                    + "\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\",\"none\"]"), null);
            default -> send(exchange, 404, "not found", null);
        }
    }

    private static void send(HttpExchange exchange, int status, String body, String cacheControl) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (cacheControl != null) {
            exchange.getResponseHeaders().add("Cache-Control", cacheControl);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendChunked(HttpExchange exchange, String body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i += 700) {
                out.write(bytes, i, Math.min(700, bytes.length - i));
                out.flush();
            }
        }
    }

    /** The sign-in of the last {@link #authorize}, whose browser holds the consent page's nonce cookie. */
    private PublicSignIn signIn;

    private Transport.Answer authorize(Transport gate, String clientId, String redirectUri) {
        signIn = new PublicSignIn(gate);
        return signIn.authorize(clientId, redirectUri, "mcp-state");
    }

    private void assertSentToTheProviderOnceApproved(Transport.Answer page) {
        signIn.assertSentToTheProviderOnceApproved(page, idp.issuer());
    }

    private static void assertRefusedWithoutRedirect(Transport.Answer answer, String reason) {
        assertEquals(400, answer.status(), answer.body());
        assertNull(answer.header("location"), "no redirect");
        assertTrue(answer.body().contains(reason), answer.body());
        assertTrue(answer.header("content-type").startsWith("text/html"), answer.header("content-type"));
        assertTrue(!answer.body().contains("Exception") && !answer.body().contains("\tat "), "no stack trace");
    }

    // --- a good document

    @Test
    void aClientWithAGoodDocumentAndALoopbackRedirectOnAnyPortIsSentToTheProvider() {
        assertSentToTheProviderOnceApproved(authorize(gate, url("/good.json"), "http://127.0.0.1:53117/callback"));
        assertSentToTheProviderOnceApproved(authorize(gate, url("/good.json"), "http://127.0.0.1:40001/callback"));
    }

    @Test
    void aClientWithAGoodDocumentIsSentToTheProviderThroughTheLambdaHandler() {
        assertSentToTheProviderOnceApproved(authorize(localLambda.lambda(), url("/good.json"), "http://127.0.0.1:53117/callback"));
        assertRefusedWithoutRedirect(authorize(localLambda.lambda(), url("/other-id.json"), LOOPBACK_REDIRECT),
                "its client_id is not the URL it was fetched from");
    }

    @Test
    void aDocumentSentInChunksIsRead() {
        assertSentToTheProviderOnceApproved(authorize(gate, url("/chunked.json"), "http://127.0.0.1:53117/callback"));
    }

    @Test
    void aDocumentIsFetchedOnceWhileItsMaxAgeLasts() {
        assertSentToTheProviderOnceApproved(authorize(gate, url("/counted.json"), "http://127.0.0.1:1234/callback"));
        assertSentToTheProviderOnceApproved(authorize(gate, url("/counted.json"), "http://127.0.0.1:5678/callback"));

        assertEquals(1, fetches.get("/counted.json").get());
    }

    @Test
    void aDocumentSentWithNoStoreIsFetchedEachTime() {
        assertSentToTheProviderOnceApproved(authorize(gate, url("/no-store.json"), "http://127.0.0.1:1234/callback"));
        assertSentToTheProviderOnceApproved(authorize(gate, url("/no-store.json"), "http://127.0.0.1:1234/callback"));

        assertEquals(2, fetches.get("/no-store.json").get());
    }

    @Test
    void aDocumentThatPrefersAKeyButOffersNoneSignsInAsAPublicClient() {
        assertSentToTheProviderOnceApproved(authorize(gate, url("/private-key-or-none.json"), "http://127.0.0.1:1234/callback"));
    }

    // --- documents refused, each for its reason

    @Test
    void aDocumentWhoseClientIdDiffersIsRefused() {
        assertRefusedWithoutRedirect(authorize(gate, url("/other-id.json"), LOOPBACK_REDIRECT),
                "its client_id is not the URL it was fetched from");
    }

    @Test
    void aRedirectUriNotInTheDocumentIsRefused() {
        assertRefusedWithoutRedirect(authorize(gate, url("/good.json"), "http://127.0.0.1:1234/elsewhere"),
                "not one of the client&#39;s redirect URIs");
        assertRefusedWithoutRedirect(authorize(gate, url("/good.json"), "https://claude.ai/api/mcp/other_callback"),
                "not one of the client&#39;s redirect URIs");
    }

    @Test
    void aRedirectUriInTheDocumentButOutsideThePolicyIsRefusedNamingTheSetting() {
        assertRefusedWithoutRedirect(authorize(gate, url("/good.json"), "https://evil.example.net/callback"),
                ClientSettings.REDIRECT_HOSTS);
    }

    @Test
    void aDocumentLargerThan5KbIsRefused() {
        assertRefusedWithoutRedirect(authorize(gate, url("/large.json"), LOOPBACK_REDIRECT), "larger than the 5 KB");
        assertRefusedWithoutRedirect(authorize(gate, url("/large-chunked.json"), LOOPBACK_REDIRECT), "larger than the 5 KB");
    }

    @Test
    void aDocumentSlowerThanTheDeadlineIsRefused() {
        long started = System.nanoTime();
        Transport.Answer answer = authorize(gate, url("/slow.json"), LOOPBACK_REDIRECT);

        assertRefusedWithoutRedirect(answer, "did not arrive within 3 seconds");
        assertTrue(System.nanoTime() - started < 3_900_000_000L, "gave up at the deadline");
    }

    @Test
    void aDocumentUrlThatRedirectsIsRefusedAndTheRedirectNotFollowed() {
        int before = fetches.getOrDefault("/good.json", new AtomicInteger()).get();

        assertRefusedWithoutRedirect(authorize(gate, url("/redirect.json"), LOOPBACK_REDIRECT), "redirect (HTTP 302)");
        assertEquals(before, fetches.getOrDefault("/good.json", new AtomicInteger()).get(), "not followed");
    }

    @Test
    void aDocumentUrlAnsweringOtherThan200IsRefusedAndNotCached() {
        assertRefusedWithoutRedirect(authorize(gate, url("/flaky.json"), LOOPBACK_REDIRECT), "answered HTTP 500");

        assertSentToTheProviderOnceApproved(authorize(gate, url("/flaky.json"), LOOPBACK_REDIRECT));
        assertRefusedWithoutRedirect(authorize(gate, url("/missing.json"), LOOPBACK_REDIRECT), "answered HTTP 404");
    }

    @Test
    void aDocumentNamingASharedSecretIsRefusedSayingWhy() {
        assertRefusedWithoutRedirect(authorize(gate, url("/secret.json"), LOOPBACK_REDIRECT),
                "it authenticates with client_secret_basic, and ActionGate signs in only public clients");
    }

    @Test
    void aDocumentNamingPrivateKeyJwtAloneIsRefusedSayingWhy() {
        assertRefusedWithoutRedirect(authorize(gate, url("/private-key.json"), LOOPBACK_REDIRECT),
                "it authenticates with private_key_jwt");
    }

    @Test
    void aDocumentUrlOutsideThePolicyIsRefusedNamingTheSettingWithoutAFetch() {
        assertRefusedWithoutRedirect(authorize(gate, "https://mcp.example.org/client.json", LOOPBACK_REDIRECT),
                ClientSettings.METADATA_DOCUMENTS);
    }

    @Test
    void aDocumentUrlWithAFragmentUserinfoDotSegmentOrNoPathIsRefused() {
        String base = url("");
        assertRefusedWithoutRedirect(authorize(gate, base + "/good.json#x", LOOPBACK_REDIRECT), "it has a fragment");
        assertRefusedWithoutRedirect(authorize(gate, base.replace("//", "//me@") + "/good.json", LOOPBACK_REDIRECT), "it has userinfo");
        for (String dots : List.of("/a/../good.json", "/./good.json", "/a/%2e%2e/good.json", "/%2E/good.json", "/a/.%2e/good.json")) {
            assertRefusedWithoutRedirect(authorize(gate, base + dots, LOOPBACK_REDIRECT), "it has a dot-segment");
        }
        assertRefusedWithoutRedirect(authorize(gate, base + "/", LOOPBACK_REDIRECT), "it has no path");
    }

    // --- as deployed: https only, no special-use address, however it is reached

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("deployedBoth")
    void aPlainHttpDocumentUrlIsRefusedWhenDeployed(String name, Transport deployedGate) {
        assertRefusedWithoutRedirect(authorize(deployedGate, url("/good.json"), LOOPBACK_REDIRECT), "it is not https");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("deployedBoth")
    void aSpecialUseAddressIsRefusedWhenDeployed(String name, Transport deployedGate) {
        for (String host : List.of("127.0.0.1", "[::ffff:127.0.0.1]", "[::1]", "[64:ff9b::a00:7]")) {
            assertRefusedWithoutRedirect(authorize(deployedGate, "https://" + host + "/client.json", LOOPBACK_REDIRECT),
                    "special-use address");
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("deployedBoth")
    void aNameThatResolvesToASpecialUseAddressIsRefusedWhenDeployed(String name, Transport deployedGate) {
        for (String host : List.of("docs.example.com", "metadata.example.com", "v6.example.com")) {
            assertRefusedWithoutRedirect(authorize(deployedGate, "https://" + host + "/client.json", LOOPBACK_REDIRECT),
                    "special-use address");
        }
    }
}
