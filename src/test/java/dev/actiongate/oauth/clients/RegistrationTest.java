package dev.actiongate.oauth.clients;

import dev.actiongate.config.ClientSettings;
import dev.actiongate.testing.Browser;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.MutableClock;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dynamic Client Registration (RFC 7591) at {@code POST /register}: the client_id is the sealed registration,
 * every client is public, and each kind of redirect URI that is not a safe one is refused in §3.2.2's form.
 * Over HTTP and through the Lambda handler.
 */
class RegistrationTest {

    private static final String CHALLENGE = PublicSignIn.CHALLENGE;
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @RegisterExtension
    static final Gates gates = Gates.withProvider().with("actiongate.test.clock", "mutable");
    static final Gates closed = gates.sameProvider().with(ClientSettings.REGISTRATION, "closed");

    private final TestIdentityProvider idp = gates.provider();

    static Stream<Arguments> both() {
        return gates.both();
    }

    static Stream<Arguments> badRedirectUris() {
        return gates.both().flatMap(gate -> Stream.of(
                        List.of("https://claude.ai/api/mcp/auth_callback#fragment", "has a fragment"),
                        List.of("https://user:pw@claude.ai/api/mcp/auth_callback", "has userinfo"),
                        List.of("javascript:alert(1)", "uses the javascript: scheme"),
                        List.of("data:text/html,hello", "uses the data: scheme"),
                        List.of("file:///etc/passwd", "uses the file: scheme"),
                        List.of("http://claude.ai/api/mcp/auth_callback", "uses plain http on a host other than"),
                        List.of("myapp:/callback", "neither https, loopback http nor a private-use scheme"),
                        List.of("/relative/callback", "is not an absolute URI"),
                        List.of("https://evil.example.net/callback", ClientSettings.REDIRECT_HOSTS))
                .map(bad -> Arguments.of(gate.get()[0], gate.get()[1], bad.get(0), bad.get(1))));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Transport.Answer register(Transport gate, Map<String, Object> metadata) {
        return gate.post("/register", Map.of("content-type", "application/json", "accept", "application/json"), json(metadata));
    }

    private static Map<String, Object> metadata(List<String> redirectUris) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("client_name", "Claude Code");
        metadata.put("redirect_uris", redirectUris);
        metadata.put("grant_types", List.of("authorization_code", "refresh_token"));
        metadata.put("response_types", List.of("code"));
        metadata.put("token_endpoint_auth_method", "client_secret_basic");
        return metadata;
    }

    private static void assertRefused(Transport.Answer answer, String error, String sentencePart) {
        assertEquals(400, answer.status(), answer.body());
        assertEquals("no-store", answer.header("cache-control"));
        Map<String, Object> body = ChatGptAndBrowser.json(answer);
        assertEquals(error, body.get("error"), answer.body());
        assertTrue(((String) body.get("error_description")).contains(sentencePart), answer.body());
    }

    /** The sign-in of the last {@link #authorize}, whose browser holds the consent page's nonce cookie. */
    private PublicSignIn signIn;

    private Transport.Answer authorize(Transport gate, String clientId, String redirectUri) {
        signIn = new PublicSignIn(gate);
        return signIn.authorize(clientId, redirectUri, "dcr-state");
    }

    private void assertSentToTheProviderOnceApproved(Transport.Answer page) {
        signIn.assertSentToTheProviderOnceApproved(page, idp.issuer());
    }

    private static String registeredId(Transport gate, List<String> redirectUris) {
        Transport.Answer answer = register(gate, metadata(redirectUris));
        assertEquals(201, answer.status(), answer.body());
        return (String) ChatGptAndBrowser.json(answer).get("client_id");
    }

    // --- registered

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aRegistrationIsAnsweredWithAPublicClientWhateverWasAsked(String name, Transport gate) {
        Transport.Answer answer = register(gate, metadata(List.of("http://127.0.0.1/callback", "https://claude.ai/api/mcp/auth_callback")));

        assertEquals(201, answer.status(), answer.body());
        assertEquals("no-store", answer.header("cache-control"));
        Map<String, Object> body = ChatGptAndBrowser.json(answer);
        assertEquals("none", body.get("token_endpoint_auth_method"), "RFC 7591 §3.2.1: the server chooses");
        assertEquals("Claude Code", body.get("client_name"));
        assertEquals(List.of("http://127.0.0.1/callback", "https://claude.ai/api/mcp/auth_callback"), body.get("redirect_uris"));
        assertEquals(List.of("authorization_code", "refresh_token"), body.get("grant_types"));
        assertEquals(List.of("code"), body.get("response_types"));
        long issuedAt = ((Number) body.get("client_id_issued_at")).longValue();
        assertTrue(((Number) body.get("client_id_expires_at")).longValue() > issuedAt);
        String clientId = (String) body.get("client_id");
        assertTrue(clientId.length() <= 1024, clientId.length() + " characters");
        assertFalse(clientId.startsWith("https://"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aRegisteredClientWithALoopbackRedirectOnARandomPortIsSentToTheProvider(String name, Transport gate) {
        String clientId = registeredId(gate, List.of("http://127.0.0.1/callback"));

        Transport.Answer answer = authorize(gate, clientId, "http://127.0.0.1:" + (20000 + (int) (Math.random() * 40000)) + "/callback");

        assertSentToTheProviderOnceApproved(answer);
    }

    /** OAuth 2.1 §4.1.1: a public client must use PKCE, S256 (RFC 7636 §4.2's plain is no proof against a stolen code). */
    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aPublicClientWithoutPkceOrWithPlainPkceHearsInvalidRequestAndSeesNoConsentPage(String name, Transport gate) {
        String clientId = registeredId(gate, List.of("http://127.0.0.1/callback"));
        for (Map<String, String> pkce : List.of(Map.<String, String>of(), Map.of("code_challenge", CHALLENGE, "code_challenge_method", "plain"),
                Map.of("code_challenge", CHALLENGE))) {
            Map<String, String> query = new LinkedHashMap<>(Map.of("response_type", "code", "client_id", clientId,
                    "redirect_uri", "http://127.0.0.1:4000/callback", "scope", "workflows:read", "state", "s"));
            query.putAll(pkce);

            Transport.Answer answer = new Browser(gate).get("/authorize?" + ChatGptAndBrowser.form(query));

            assertEquals(302, answer.status(), pkce + ": " + answer.body());
            Map<String, String> back = ChatGptAndBrowser.parse(java.net.URI.create(answer.header("location")).getRawQuery());
            assertTrue(answer.header("location").startsWith("http://127.0.0.1:4000/callback?"), answer.header("location"));
            assertEquals("invalid_request", back.get("error"), pkce.toString());
            assertTrue(back.get("error_description").contains("S256"), back.toString());
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void cursorsOwnRegistrationIsAccepted(String name, Transport gate) {
        // What Cursor sends: its private-use callback (a scheme without a dot), its hosted agents' and a loopback one.
        String clientId = registeredId(gate, List.of("cursor://anysphere.cursor-mcp/oauth/callback",
                "https://www.cursor.com/agents/mcp/oauth/callback", "http://localhost:8787/callback"));

        assertSentToTheProviderOnceApproved(authorize(gate, clientId, "cursor://anysphere.cursor-mcp/oauth/callback"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aReverseDnsPrivateUseSchemeIsAccepted(String name, Transport gate) {
        assertEquals(201, register(gate, metadata(List.of("com.example.app:/oauth/callback"))).status());
    }

    @Test
    void fiveRedirectUrisOfAHundredCharactersStillGiveAClientIdOfAtMost1Kb() {
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String start = "https://claude.ai/api/mcp/" + i + "/";
            uris.add(start + "x".repeat(100 - start.length()));
        }
        String clientId = registeredId(gates.http(), uris);

        assertTrue(clientId.length() <= 1024, clientId.length() + " characters");
    }

    // --- refused

    @ParameterizedTest(name = "{0}: {2}", autoCloseArguments = false)
    @MethodSource("badRedirectUris")
    void eachBadKindOfRedirectUriIsInvalidRedirectUri(String name, Transport gate, String redirectUri, String why) {
        assertRefused(register(gate, metadata(List.of("http://127.0.0.1/callback", redirectUri))), "invalid_redirect_uri", why);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void moreThanFiveRedirectUrisAreRefused(String name, Transport gate) {
        List<String> six = List.of("http://127.0.0.1/1", "http://127.0.0.1/2", "http://127.0.0.1/3", "http://127.0.0.1/4",
                "http://127.0.0.1/5", "http://127.0.0.1/6");

        assertRefused(register(gate, metadata(six)), "invalid_redirect_uri", "At most 5 redirect URIs");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aRedirectUriLongerThan512CharactersIsRefused(String name, Transport gate) {
        String start = "https://claude.ai/api/mcp/";
        assertRefused(register(gate, metadata(List.of(start + "x".repeat(513 - start.length())))), "invalid_redirect_uri",
                "longer than 512 characters");
    }

    @Test
    void fiveRedirectUrisOf512CharactersAreRefusedForTheClientIdsSize() {
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String start = "https://claude.ai/api/mcp/" + i + "/";
            uris.add(start + "x".repeat(512 - start.length()));
        }
        assertRefused(register(gates.http(), metadata(uris)), "invalid_client_metadata", "at most 1024 characters");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void noRedirectUrisOrAnotherGrantTypeOrABodyThatIsNoObjectAreInvalidClientMetadata(String name, Transport gate) {
        assertRefused(register(gate, Map.of("client_name", "x")), "invalid_redirect_uri", "Send redirect_uris");
        Map<String, Object> clientCredentials = metadata(List.of("http://127.0.0.1/callback"));
        clientCredentials.put("grant_types", List.of("client_credentials"));
        assertRefused(register(gate, clientCredentials), "invalid_client_metadata", "grant types");
        assertRefused(gate.post("/register", Map.of("content-type", "application/json"), "[1, 2]"), "invalid_client_metadata",
                "JSON object");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aBodyLargerThan16KbIsRefused(String name, Transport gate) {
        Map<String, Object> large = metadata(List.of("http://127.0.0.1/callback"));
        large.put("padding", "x".repeat(17 * 1024));

        Transport.Answer answer = register(gate, large);

        assertEquals(413, answer.status(), answer.body());
        assertEquals("invalid_request", ChatGptAndBrowser.json(answer).get("error"));
    }

    @Test
    void registrationClosedIsRefusedAndNotAdvertised() {
        assertRefused(register(closed.http(), metadata(List.of("http://127.0.0.1/callback"))), "invalid_client_metadata",
                ClientSettings.REGISTRATION);
        assertRefused(register(closed.lambda(), metadata(List.of("http://127.0.0.1/callback"))), "invalid_client_metadata",
                ClientSettings.REGISTRATION);

        Map<String, Object> metadata = closed.http().get("/.well-known/oauth-authorization-server").ok();
        assertNull(metadata.get("registration_endpoint"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aTamperedClientIdIsA400PageThatSaysRegisterAgain(String name, Transport gate) {
        String clientId = registeredId(gate, List.of("http://127.0.0.1/callback"));
        String tampered = clientId.substring(0, 20) + (clientId.charAt(20) == 'A' ? 'B' : 'A') + clientId.substring(21);

        Transport.Answer answer = authorize(gate, tampered, "http://127.0.0.1:4000/callback");

        assertEquals(400, answer.status(), answer.body());
        assertNull(answer.header("location"));
        assertTrue(answer.body().contains("register again"), answer.body());
    }

    @Test
    void anExpiredClientIdIsA400PageThatSaysRegisterAgain() {
        HttpTransport gate = gates.http();
        MutableClock clock = gate.server().context().getBean(MutableClock.class);
        clock.set(Instant.now());
        String clientId = registeredId(gate, List.of("http://127.0.0.1/callback"));
        try {
            clock.set(Instant.now().plus(Registrations.LIFETIME).plus(Duration.ofMinutes(1)));

            Transport.Answer answer = authorize(gate, clientId, "http://127.0.0.1:4000/callback");

            assertEquals(400, answer.status(), answer.body());
            assertTrue(answer.body().contains("registration has expired; the client must register again"), answer.body());
        } finally {
            clock.set(Instant.now());
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aRegisteredClientCannotUseARedirectUriItDidNotRegister(String name, Transport gate) {
        String clientId = registeredId(gate, List.of("http://127.0.0.1/callback"));

        Transport.Answer answer = authorize(gate, clientId, "http://127.0.0.1:4000/other");

        assertEquals(400, answer.status(), answer.body());
        assertNull(answer.header("location"));
    }

    // --- RFC 8414

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theMetadataOffersRegistrationDocumentsIssAndPublicClients(String name, Transport gate) {
        Map<String, Object> metadata = gate.get("/.well-known/oauth-authorization-server").ok();

        assertEquals(metadata.get("issuer") + "/register", metadata.get("registration_endpoint"));
        assertEquals(true, metadata.get("client_id_metadata_document_supported"));
        assertEquals(true, metadata.get("authorization_response_iss_parameter_supported"));
        assertEquals(List.of("client_secret_post", "client_secret_basic", "none"), metadata.get("token_endpoint_auth_methods_supported"));
        assertEquals(List.of("S256"), metadata.get("code_challenge_methods_supported"));
    }
}
