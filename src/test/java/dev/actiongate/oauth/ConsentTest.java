package dev.actiongate.oauth;

import com.sun.net.httpserver.HttpServer;
import dev.actiongate.config.ClientSettings;
import dev.actiongate.testing.Browser;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.MutableClock;
import dev.actiongate.testing.PkceChallenge;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consent page every client but the GPT gets (MCP "Security Best Practices", Confused Deputy Problem),
 * over HTTP on the local server and through the Lambda handler: what it shows, Approve and Deny, the
 * CSRF checks of the answer and of the callback, and remembered consent.
 */
class ConsentTest {

    private static final String REGISTERED_REDIRECT = "https://app.example/oauth/callback";
    private static final String REGISTERED_OTHER_REDIRECT = "https://app.example/other/callback";
    private static final String HOSTILE_NAME = "<script>alert('hi')</script> Helper";
    private static final String DOCUMENT_REDIRECT = "https://tools.example/callback";
    private static final String LOOPBACK_REDIRECT = "http://127.0.0.1/callback";
    private static final String VERIFIER = "consent-test-verifier-0123456789-0123456789-0123456789";

    /** The hosts of the clients' https redirect URIs, which a deployment's policy must allow. */
    private static final String REDIRECT_HOSTS = "app.example,tools.example";

    @RegisterExtension
    static final Gates gates = Gates.withSignInPage().with(ClientSettings.REDIRECT_HOSTS, REDIRECT_HOSTS);
    /** A clock the test moves, for the ticket's expiry; its own gates, so the other tests run on real time. */
    static final Gates clocked = gates.sameProvider().with(ClientSettings.REDIRECT_HOSTS, REDIRECT_HOSTS)
            .with("actiongate.test.clock", "mutable");
    /** The Lambda handler as the local run: its root on loopback, so it reads the metadata document served here. */
    static final Gates localLambda = gates.sameProvider().with(ClientSettings.REDIRECT_HOSTS, REDIRECT_HOSTS)
            .with("actiongate.public-base-url", "http://localhost:8080");

    /** Clients as they come: two registered at /register (ids sealed with the state key, so every gate knows them), one by its document. */
    private static String REGISTERED_ID;
    private static String LOOPBACK_ID;
    private static String DOCUMENT_ID;
    private static HttpServer documents;

    @BeforeAll
    static void clients() throws IOException {
        REGISTERED_ID = register(HOSTILE_NAME, List.of(REGISTERED_REDIRECT, REGISTERED_OTHER_REDIRECT));
        LOOPBACK_ID = register("Desktop Agent", List.of(LOOPBACK_REDIRECT));
        documents = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        DOCUMENT_ID = "http://127.0.0.1:" + documents.getAddress().getPort() + "/oauth/client.json";
        byte[] document = ("{\"client_id\":\"" + DOCUMENT_ID + "\",\"client_name\":\"Tools Assistant\",\"redirect_uris\":[\""
                + DOCUMENT_REDIRECT + "\"],\"token_endpoint_auth_method\":\"none\"}").getBytes(StandardCharsets.UTF_8);
        documents.createContext("/oauth/client.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, document.length);
            exchange.getResponseBody().write(document);
            exchange.close();
        });
        documents.start();
    }

    @AfterAll
    static void stopDocuments() {
        documents.stop(0);
    }

    private static String register(String clientName, List<String> redirectUris) {
        StringBuilder uris = new StringBuilder();
        redirectUris.forEach(uri -> uris.append(uris.isEmpty() ? "" : ",").append('"').append(uri).append('"'));
        Transport.Answer answer = gates.http().post("/register", Map.of("content-type", "application/json"),
                "{\"client_name\":\"" + clientName.replace("\"", "\\\"") + "\",\"redirect_uris\":[" + uris + "]}");
        assertEquals(201, answer.status(), answer.body());
        return (String) ChatGptAndBrowser.json(answer).get("client_id");
    }

    static Stream<Arguments> bothReadingLoopbackDocuments() {
        return Stream.of(Arguments.of("HTTP", gates.http()), Arguments.of("Lambda", localLambda.lambda()));
    }

    private final TestIdentityProvider idp = gates.provider();

    static Stream<Arguments> both() {
        return gates.both();
    }

    static Stream<Arguments> bothClocked() {
        return Stream.of(Arguments.of("HTTP", clocked.http(), clocked.server().context().getBean(MutableClock.class)),
                Arguments.of("Lambda", clocked.lambda(), clocked.lambda().context().getBean(MutableClock.class)));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aRegisteredClientIsShownTheConsentPageWithItsNameEscapedAndMarkedUnverified(String name, Transport gate) {
        Browser browser = new Browser(gate);

        Transport.Answer page = browser.get(authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read logs:read", "s1", null));

        assertEquals(200, page.status(), page.body());
        assertTrue(page.header("content-type").startsWith("text/html"), page.header("content-type"));
        assertTrue(page.body().contains("&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt; Helper"), page.body());
        assertFalse(page.body().contains("<script>"), page.body());
        assertTrue(page.body().contains("Unverified"), page.body());
        assertTrue(page.body().contains("app.example"), "the redirect host is named");
        assertTrue(page.body().contains("See the workflows and runs") && page.body().contains("Read the logs of runs"), page.body());
        assertTrue(page.body().contains("value=\"approve\"") && page.body().contains("value=\"deny\""), page.body());
        assertNull(page.header("location"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("bothReadingLoopbackDocuments")
    void aMetadataDocumentClientIsNamedWithTheHostOfItsDocument(String name, Transport gate) {
        Transport.Answer page = new Browser(gate).get(authorize(DOCUMENT_ID, DOCUMENT_REDIRECT, "workflows:read", "s1", null));

        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("Tools Assistant") && page.body().contains("Described by <strong>127.0.0.1</strong>"), page.body());
        assertFalse(page.body().contains("Unverified"), page.body());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void thePageSetsAHostOnlyNonceCookieAndForbidsFramingAndCaching(String name, Transport gate) {
        Transport.Answer page = new Browser(gate).get(authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read", "s1", null));

        String nonce = Browser.setCookie(page, ConsentCookies.NONCE);
        assertNotNull(nonce, page.cookies().toString());
        assertHostOnly(nonce, "Strict");
        assertTrue(page.header("content-security-policy").contains("frame-ancestors 'none'"), page.header("content-security-policy"));
        assertFalse(page.header("content-security-policy").contains("form-action"), "the POST's redirects go to the provider and the client");
        assertEquals("no-store", page.header("cache-control"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theGptIsNeverAskedForConsent(String name, Transport gate) {
        Transport.Answer authorize = new Browser(gate).get("/authorize?" + ChatGptAndBrowser.form(Map.of("response_type", "code",
                "client_id", TestIdentityProvider.GPT_CLIENT_ID, "redirect_uri", TestIdentityProvider.GPT_REDIRECT_URI,
                "scope", "workflows:read", "state", "gpt-state")));

        assertEquals(302, authorize.status(), authorize.body());
        assertTrue(authorize.header("location").startsWith(idp.issuer() + "/authorize?"), authorize.header("location"));
        assertEquals(List.of(), authorize.cookies());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void approvedTheClientGetsACodeWithIssThatItRedeems(String name, Transport gate) throws Exception {
        Browser browser = new Browser(gate);
        Transport.Answer page = browser.get(authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read", "client-state", null));

        Transport.Answer approved = browser.post(ConsentController.PATH, Map.of("ticket", Browser.ticket(page), "decision", "approve"));
        assertEquals(303, approved.status(), approved.body());
        assertTrue(approved.header("location").startsWith(idp.issuer() + "/authorize?"), approved.header("location"));
        String signIn = Browser.setCookie(approved, ConsentCookies.SIGN_IN);
        assertNotNull(signIn, approved.cookies().toString());
        assertHostOnly(signIn, "Lax");

        Transport.Answer back = callback(browser, gate, approved);
        assertEquals(302, back.status(), back.body());
        Map<String, String> parameters = redirectedTo(back, REGISTERED_REDIRECT);
        assertEquals("client-state", parameters.get("state"));
        assertEquals(issuer(gate), parameters.get("iss"));
        assertEquals("0", Browser.attributes(Browser.setCookie(back, ConsentCookies.SIGN_IN)).get("max-age"), back.cookies().toString());

        Transport.Answer token = new ChatGptAndBrowser(gate, idp).token(Map.of(), Map.of("grant_type", "authorization_code",
                "code", parameters.get("code"), "redirect_uri", REGISTERED_REDIRECT, "client_id", REGISTERED_ID, "code_verifier", VERIFIER));
        assertTrue(token.ok().get("access_token") instanceof String, token.body());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void deniedTheClientHearsAccessDeniedWithStateAndIssAtItsSealedRedirectOnly(String name, Transport gate) {
        Browser browser = new Browser(gate);
        Transport.Answer page = browser.get(authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read", "client-state", null));

        Transport.Answer denied = browser.post(ConsentController.PATH, Map.of("ticket", Browser.ticket(page), "decision", "deny",
                "redirect_uri", "https://attacker.example/steal"));

        assertEquals(303, denied.status(), denied.body());
        Map<String, String> parameters = redirectedTo(denied, REGISTERED_REDIRECT);
        assertEquals("access_denied", parameters.get("error"));
        assertEquals("client-state", parameters.get("state"));
        assertEquals(issuer(gate), parameters.get("iss"));
        assertNull(Browser.setCookie(denied, ConsentCookies.SIGN_IN));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void anAnswerWithoutTheNonceCookieIsRefused(String name, Transport gate) {
        Browser browser = new Browser(gate);
        Transport.Answer page = browser.get(authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read", "s1", null));
        browser.forget(ConsentCookies.NONCE);

        Transport.Answer answer = browser.post(ConsentController.PATH, Map.of("ticket", Browser.ticket(page), "decision", "approve"));

        assertRefused(answer, "did not come from the page ActionGate showed in this browser");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void anAnswerWithAnotherBrowsersTicketIsRefused(String name, Transport gate) {
        Browser person = new Browser(gate);
        Browser attacker = new Browser(gate);
        person.get(authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read", "s1", null));
        String attackersTicket = Browser.ticket(attacker.get(authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read", "s2", null)));

        Transport.Answer answer = person.post(ConsentController.PATH, Map.of("ticket", attackersTicket, "decision", "approve"));

        assertRefused(answer, "did not come from the page ActionGate showed in this browser");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("bothClocked")
    void anExpiredTicketIsRefused(String name, Transport gate, MutableClock clock) {
        clock.set(Instant.now());
        try {
            Browser browser = new Browser(gate);
            Transport.Answer page = browser.get(authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read", "s1", null));
            clock.set(Instant.now().plus(Duration.ofMinutes(11)));

            Transport.Answer answer = browser.post(ConsentController.PATH, Map.of("ticket", Browser.ticket(page), "decision", "approve"));

            assertRefused(answer, "expired");
        } finally {
            clock.set(Instant.now());
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theCallbackOfAPublicClientsSignInWithoutTheSignInCookieIsRefused(String name, Transport gate) {
        Browser browser = new Browser(gate);
        Transport.Answer page = browser.get(authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read", "s1", null));
        Transport.Answer approved = browser.post(ConsentController.PATH, Map.of("ticket", Browser.ticket(page), "decision", "approve"));
        browser.forget(ConsentCookies.SIGN_IN);

        assertRefused(callback(browser, gate, approved), "not approved in this browser");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theSignInCookieServesOneSignInOnly(String name, Transport gate) {
        Browser browser = new Browser(gate);
        Transport.Answer first = approve(browser, authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read", "s1", null));
        String firstCookie = browser.cookies().get(ConsentCookies.SIGN_IN);
        String firstCallback = new ChatGptAndBrowser(gate, idp).signInAtProvider(first.header("location"), "erin@example.com");
        assertEquals(302, browser.get(pathAndQuery(firstCallback)).status());
        assertNull(browser.cookies().get(ConsentCookies.SIGN_IN), "the callback's answer clears the cookie");

        browser.set(ConsentCookies.SIGN_IN, firstCookie);
        assertRefused(browser.get(pathAndQuery(firstCallback)), "");

        Transport.Answer second = approve(new Browser(gate), authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read", "s2", null));
        String secondCallback = new ChatGptAndBrowser(gate, idp).signInAtProvider(second.header("location"), "erin@example.com");
        assertRefused(browser.get(pathAndQuery(secondCallback)), "not approved in this browser");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aRememberedConsentSkipsThePageForTheSameClientRedirectScopesAndResource(String name, Transport gate) {
        Browser browser = new Browser(gate);
        String resource = issuer(gate) + "/mcp";
        Transport.Answer page = browser.get(authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read logs:read", "s1", resource));
        assertTrue(page.body().contains("name=\"remember\""), page.body());

        Transport.Answer approved = browser.post(ConsentController.PATH,
                Map.of("ticket", Browser.ticket(page), "decision", "approve", "remember", "yes"));
        String remembered = Browser.setCookie(approved, ConsentCookies.REMEMBERED);
        assertNotNull(remembered, "both cookies of one answer arrive: " + approved.cookies());
        assertNotNull(Browser.setCookie(approved, ConsentCookies.SIGN_IN), approved.cookies().toString());
        assertHostOnly(remembered, "Lax");
        assertEquals(String.valueOf(Duration.ofDays(30).toSeconds()), Browser.attributes(remembered).get("max-age"), remembered);
        assertEquals(302, callback(browser, gate, approved).status());

        Transport.Answer again = browser.get(authorize(REGISTERED_ID, REGISTERED_REDIRECT, "logs:read workflows:read", "s2", resource));
        assertEquals(302, again.status(), again.body());
        assertTrue(again.header("location").startsWith(idp.issuer() + "/authorize?"), again.header("location"));
        Transport.Answer back = callback(browser, gate, again);
        assertEquals("s2", redirectedTo(back, REGISTERED_REDIRECT).get("state"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aRememberedConsentCoversNoOtherScopeRedirectOrResource(String name, Transport gate) {
        Browser browser = new Browser(gate);
        Transport.Answer page = browser.get(authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read", "s1", null));
        browser.post(ConsentController.PATH, Map.of("ticket", Browser.ticket(page), "decision", "approve", "remember", "yes"));
        assertNotNull(browser.cookies().get(ConsentCookies.REMEMBERED));

        assertEquals(200, browser.get(authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read logs:read", "s2", null)).status(),
                "another scope");
        assertEquals(200, browser.get(authorize(REGISTERED_ID, REGISTERED_OTHER_REDIRECT, "workflows:read", "s3", null)).status(),
                "another redirect URI");
        assertEquals(200, browser.get(authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read", "s4", issuer(gate) + "/mcp")).status(),
                "another resource");
        assertEquals(302, browser.get(authorize(REGISTERED_ID, REGISTERED_REDIRECT, "workflows:read", "s5", null)).status(),
                "the same request");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aClientWithOnlyLoopbackRedirectsIsNeverRemembered(String name, Transport gate) {
        Browser browser = new Browser(gate);
        String redirect = "http://127.0.0.1:51234/callback";
        Transport.Answer page = browser.get(authorize(LOOPBACK_ID, redirect, "workflows:read", "s1", null));
        assertEquals(200, page.status(), page.body());
        assertFalse(page.body().contains("name=\"remember\""), "not offered");

        Transport.Answer approved = browser.post(ConsentController.PATH,
                Map.of("ticket", Browser.ticket(page), "decision", "approve", "remember", "yes"));
        assertEquals(303, approved.status(), approved.body());
        assertNull(Browser.setCookie(approved, ConsentCookies.REMEMBERED), approved.cookies().toString());

        assertEquals(200, browser.get(authorize(LOOPBACK_ID, redirect, "workflows:read", "s2", null)).status(), "asked again");
    }

    private Transport.Answer approve(Browser browser, String authorize) {
        Transport.Answer page = browser.get(authorize);
        Transport.Answer approved = browser.post(ConsentController.PATH, Map.of("ticket", Browser.ticket(page), "decision", "approve"));
        assertEquals(303, approved.status(), approved.body());
        return approved;
    }

    /** The person signs in at the provider the answer sent the browser to; the browser then reaches the callback. */
    private Transport.Answer callback(Browser browser, Transport gate, Transport.Answer toProvider) {
        String bridgeCallback = new ChatGptAndBrowser(gate, idp).signInAtProvider(toProvider.header("location"), "erin@example.com");
        return browser.get(pathAndQuery(bridgeCallback));
    }

    /** {@code __Host-}: Secure, Path=/ and no Domain; and HttpOnly with this SameSite. */
    private static void assertHostOnly(String setCookie, String sameSite) {
        Map<String, String> attributes = Browser.attributes(setCookie);
        assertTrue(setCookie.startsWith("__Host-"), setCookie);
        assertTrue(attributes.containsKey("secure") && attributes.containsKey("httponly") && !attributes.containsKey("domain"), setCookie);
        assertEquals("/", attributes.get("path"), setCookie);
        assertEquals(sameSite, attributes.get("samesite"), setCookie);
    }

    private static void assertRefused(Transport.Answer answer, String sentencePart) {
        assertEquals(400, answer.status(), answer.body());
        assertNull(answer.header("location"), "no redirect");
        assertTrue(answer.body().contains("Sign-in failed") && answer.body().contains(sentencePart), answer.body());
    }

    private static Map<String, String> redirectedTo(Transport.Answer answer, String redirectUri) {
        String location = answer.header("location");
        assertTrue(location != null && location.startsWith(redirectUri + "?"), String.valueOf(location));
        return ChatGptAndBrowser.parse(URI.create(location).getRawQuery());
    }

    private static String issuer(Transport gate) {
        return (String) ChatGptAndBrowser.json(gate.get("/.well-known/oauth-authorization-server")).get("issuer");
    }

    private static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static String authorize(String clientId, String redirectUri, String scope, String state, String resource) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("scope", scope);
        parameters.put("state", state);
        parameters.put("code_challenge", PkceChallenge.of(VERIFIER));
        parameters.put("code_challenge_method", "S256");
        if (resource != null) {
            parameters.put("resource", resource);
        }
        return "/authorize?" + ChatGptAndBrowser.form(parameters);
    }

}
