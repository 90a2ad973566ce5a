package dev.actiongate.admin;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.actiongate.testing.Browser;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.LambdaTransport;
import dev.actiongate.testing.MutableClock;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import dev.actiongate.usage.UsageMeter;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin page over HTTP on the local server and through the Lambda handler (where the cookies travel in
 * payload 2.0's cookies arrays): the sign-in with PKCE and a browser-bound state, the session cookie's
 * attributes, expiry, tampering and sign-out, the 403 page, escaping, the CSP, and what the page shows.
 */
class AdminPageTest {

    private static final WireMockServer github = new WireMockServer(wireMockConfig().dynamicPort());
    private static final String HOSTILE = "<script>alert('x')</script>";

    @RegisterExtension
    static final Gates gates = Gates.withSignInPage()
            .with("actiongate.github.token", "ghp_admin_page_test")
            .with("actiongate.github.api-url", () -> github.baseUrl() + "/api/v3")
            .with("actiongate.github.repositories", "acme/web");
    static final Gates clocked = gates.sameProvider().with("actiongate.test.clock", "mutable");
    /** The API function as on AWS before its admin secrets are put in its folder. */
    static final Gates notSetUp = gates.sameProvider().with("actiongate.function", "api").with("actiongate.state-key", "")
            .with("actiongate.idp.client-secret", "");

    private final TestIdentityProvider idp = gates.provider();

    @BeforeAll
    static void startGithub() {
        github.start();
        github.stubFor(post(urlEqualTo("/api/v3/repos/acme/web/actions/runs/42/cancel"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("{}")));
    }

    @AfterAll
    static void stopGithub() {
        github.stop();
    }

    static Stream<Arguments> both() {
        return gates.both();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void anAdminSignsInWithPkceAndSeesTheMonthAndTheAuditRowOfTheirCall(String name, Transport gate) {
        String person = "cancel-" + UUID.randomUUID() + "@example.com";
        assertEquals(200, gate.post("/api/runs/42/cancel?repo=acme/web",
                Map.of("authorization", "Bearer " + idp.accessToken(person, "workflows:trigger")), "").status());
        Browser browser = new Browser(gate);

        Transport.Answer start = browser.get("/admin");
        assertEquals(302, start.status(), start.body());
        Map<String, String> asked = ChatGptAndBrowser.parse(URI.create(start.header("location")).getRawQuery());
        assertEquals("code", asked.get("response_type"));
        assertEquals(TestIdentityProvider.IDP_CLIENT_ID, asked.get("client_id"));
        assertTrue(asked.get("redirect_uri").endsWith("/admin/callback"), asked.get("redirect_uri"));
        assertTrue((" " + asked.get("scope") + " ").contains(" admin "), asked.get("scope"));
        assertEquals("S256", asked.get("code_challenge_method"));
        assertTrue(asked.get("code_challenge").matches("[A-Za-z0-9_-]{43}"));
        assertTrue(asked.get("state").length() >= 43);
        assertNotNull(Browser.setCookie(start, AdminCookies.SIGN_IN));

        Transport.Answer page = signedIn(gate, browser, start, "admin@example.com", "admin");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("<svg class=\"chart\" id=\"calls-chart\""), "the chart");
        assertEquals(30, count(page.body().replaceAll("(?s).*id=\"calls-chart\"", "").replaceAll("(?s)</svg>.*", ""), "<rect "),
                "a bar a day for 30 days");
        assertTrue(page.body().contains("<code>cancelRun</code>"), "calls by operation");
        assertTrue(page.body().contains("<code>" + person + "</code>"), "calls by person");
        assertTrue(page.body().contains("admin@example.com"), "who is signed in");

        Transport.Answer filtered = browser.get("/admin?person=" + person.replace("@", "%40") + "&operation=cancelRun");
        String row = auditRows(filtered.body());
        assertTrue(row.contains(person) && row.contains("cancelRun") && row.contains("acme/web") && row.contains("run 42"), row);
        assertEquals(1, count(row, "<tr>"), "only the filtered person's call");
        assertTrue(auditRows(browser.get("/admin?person=someone-else%40example.com").body()).isEmpty(), "another person's filter");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theSessionCookieIsSealedHttpOnlySecureLaxAndShortLived(String name, Transport gate) {
        Browser browser = new Browser(gate);
        Transport.Answer start = browser.get("/admin");
        Map<String, String> signIn = Browser.attributes(Browser.setCookie(start, AdminCookies.SIGN_IN));
        assertCookie(signIn, "600");

        String callback = callback(gate, start, "sealed@example.com", "admin");
        Transport.Answer back = browser.get(callback);
        assertEquals(303, back.status(), back.body());
        assertEquals("/admin", back.header("location"));
        String session = Browser.setCookie(back, AdminCookies.SESSION);
        assertCookie(Browser.attributes(session), "1800");
        assertFalse(session.contains("sealed@example.com") || session.contains("sealed%40example.com"), "the cookie is sealed, not readable");
        assertEquals("0", Browser.attributes(Browser.setCookie(back, AdminCookies.SIGN_IN)).get("max-age"), "the sign-in cookie served its one sign-in");

        assertEquals(400, browser.get(callback).status(), "the callback URL again finds no sign-in in progress");
        assertEquals(200, browser.get("/admin").status());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aTamperedSessionCookieShowsNothingAndSignsInAgain(String name, Transport gate) {
        Browser browser = new Browser(gate);
        assertEquals(200, signedIn(gate, browser, browser.get("/admin"), "tamper@example.com", "admin").status());
        String sealed = browser.cookies().get(AdminCookies.SESSION);
        char last = sealed.charAt(sealed.length() - 2);
        browser.set(AdminCookies.SESSION, sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1));

        Transport.Answer page = browser.get("/admin");

        assertEquals(302, page.status(), page.body());
        assertTrue(page.header("location").startsWith(idp.issuer() + "/authorize?"));
        assertFalse(page.body().contains("calls-chart"));
        assertEquals("0", Browser.attributes(Browser.setCookie(page, AdminCookies.SESSION)).get("max-age"), "the altered cookie is cleared");
    }

    @Test
    void anExpiredSessionSendsTheBrowserToSignInAgain() {
        Transport gate = clocked.http();
        MutableClock clock = clocked.server().context().getBean(MutableClock.class);
        Instant now = Instant.now();
        clock.set(now);
        Browser browser = new Browser(gate);
        assertEquals(200, signedIn(gate, browser, browser.get("/admin"), "expiry@example.com", "admin").status());

        clock.set(now.plus(Duration.ofMinutes(29)));
        assertEquals(200, browser.get("/admin").status(), "within the lifetime");
        clock.set(now.plus(Duration.ofMinutes(30)).plusSeconds(1));
        Transport.Answer expired = browser.get("/admin");

        assertEquals(302, expired.status(), expired.body());
        assertTrue(expired.header("location").startsWith(idp.issuer() + "/authorize?"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void signingOutClearsTheSessionCookie(String name, Transport gate) {
        Browser browser = new Browser(gate);
        Transport.Answer page = signedIn(gate, browser, browser.get("/admin"), "leaving@example.com", "admin");
        assertTrue(page.body().contains("<form method=\"post\" action=\"/admin/sign-out\">"));

        Transport.Answer out = browser.post("/admin/sign-out", Map.of());

        assertEquals(200, out.status(), out.body());
        assertTrue(out.body().contains("You are signed out"));
        assertEquals("0", Browser.attributes(Browser.setCookie(out, AdminCookies.SESSION)).get("max-age"));
        assertNull(browser.cookies().get(AdminCookies.SESSION));
        assertEquals(302, browser.get("/admin").status(), "signing in again");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aPersonWithoutAdminGetsThe403PageSayingWhatToAskFor(String name, Transport gate) {
        Browser browser = new Browser(gate);

        Transport.Answer page = signedIn(gate, browser, browser.get("/admin"), "reader@example.com", "analytics:read");

        assertEquals(403, page.status(), page.body());
        assertTrue(page.header("content-type").startsWith("text/html"));
        assertTrue(page.body().contains("reader@example.com"));
        assertTrue(page.body().contains("Ask whoever runs your identity provider to grant you <code>admin</code>"), page.body());
        assertFalse(page.body().contains("calls-chart"), "nothing of the usage");
        assertTrue(page.body().contains("action=\"/admin/sign-out\""), "a way to sign in as someone else");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void valuesFromTheTableAndTheRequestAreEscaped(String name, Transport gate) {
        String person = HOSTILE + UUID.randomUUID();
        assertEquals(200, gate.get("/api/me", Map.of("authorization", "Bearer " + idp.accessToken(person, "analytics:read"))).status());
        awaitUsageWrites(gate);
        Browser browser = new Browser(gate);

        Transport.Answer page = signedIn(gate, browser, browser.get("/admin"), HOSTILE + "@example.com", "admin");
        Transport.Answer filtered = browser.get("/admin?repo=%22%3E" + HOSTILE.replace("<", "%3C").replace(">", "%3E").replace("'", "%27")
                + "&person=" + HOSTILE.replace("<", "%3C").replace(">", "%3E").replace("'", "%27"));

        for (Transport.Answer answer : new Transport.Answer[] {page, filtered}) {
            assertFalse(answer.body().contains("<script"), answer.body());
        }
        assertTrue(page.body().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" + person.substring(HOSTILE.length())), "the person");
        assertTrue(page.body().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;@example.com"), "the admin's own e-mail");
        assertTrue(filtered.body().contains("value=\"&quot;&gt;&lt;script&gt;"), "the filter, back in its field");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void thePageAllowsOnlyItsOwnStyleAndNeedsNoScript(String name, Transport gate) throws Exception {
        Browser browser = new Browser(gate);
        Transport.Answer page = signedIn(gate, browser, browser.get("/admin"), "csp@example.com", "admin");

        Matcher style = Pattern.compile("(?s)<style>(.*?)</style>").matcher(page.body());
        assertTrue(style.find());
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
        assertEquals("default-src 'none'; style-src 'sha256-" + hash + "'; img-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'", page.header("content-security-policy"));
        assertFalse(page.body().contains("<script"));
        assertFalse(page.body().contains(" style="), "no style attribute, which the hash would not allow");
        assertTrue(page.body().contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), "readable on a phone");
        assertEquals("no-store", page.header("cache-control"));
        assertEquals("nosniff", page.header("x-content-type-options"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void refusalsAreCountedByStatusAndReason(String name, Transport gate) {
        Browser browser = new Browser(gate);
        String before = refusalRows(signedIn(gate, browser, browser.get("/admin"), "refusals@example.com", "admin").body());

        assertEquals(401, gate.get("/api/me", Map.of("authorization", "Bearer not-a-token")).status());
        assertEquals(403, gate.get("/api/usage", Map.of("authorization", "Bearer " + idp.accessToken("no-scope", "workflows:read"))).status());
        awaitUsageWrites(gate);
        String after = refusalRows(browser.get("/admin").body());

        assertEquals(refused(before, 401, "invalid_token") + 1, refused(after, 401, "invalid_token"), after);
        assertEquals(refused(before, 403, "insufficient_scope") + 1, refused(after, 403, "insufficient_scope"), after);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theCallbackFinishesOnlyTheSignInThisBrowserStarted(String name, Transport gate) {
        Browser started = new Browser(gate);
        String callback = callback(gate, started.get("/admin"), "victim@example.com", "admin");

        Browser another = new Browser(gate);
        Transport.Answer elsewhere = another.get(callback);
        assertEquals(400, elsewhere.status(), elsewhere.body());
        assertTrue(elsewhere.body().contains("did not start in this browser"));
        assertNull(Browser.setCookie(elsewhere, AdminCookies.SESSION), "no session for a browser that did not start the sign-in");

        another.get("/admin");
        Transport.Answer otherState = another.get(callback);
        assertEquals(400, otherState.status(), "the other browser's own sign-in has another state");
        assertTrue(otherState.body().contains("not the one this browser asked for"));
        assertNull(Browser.setCookie(otherState, AdminCookies.SESSION));

        assertEquals(303, started.get(callback).status(), "the browser that started it finishes it");
    }

    @Test
    void theApiFunctionWithoutTheAdminSecretsSaysWhatToSet() {
        Transport.Answer page = notSetUp.lambda().get("/admin", Map.of("accept", "text/html"));

        assertEquals(503, page.status(), page.body());
        assertTrue(page.body().contains("The admin page is not set up on this deployment"));
        assertTrue(page.body().contains("The admin page"), "where the README says what to set");
        assertTrue(page.cookies().isEmpty());
    }

    /** The browser sent to sign in, signed in at the provider, back at the callback, and on to the page: the page. */
    private Transport.Answer signedIn(Transport gate, Browser browser, Transport.Answer start, String person, String granted) {
        Transport.Answer back = browser.get(callback(gate, start, person, granted));
        assertEquals(303, back.status(), back.body());
        return browser.get(back.header("location"));
    }

    /** The person signs in at the provider's page {@code start} sent the browser to: the callback's path and query. */
    private String callback(Transport gate, Transport.Answer start, String person, String granted) {
        assertEquals(302, start.status(), start.body());
        String callback = new ChatGptAndBrowser(gate, idp).signInAtProvider(start.header("location"), person, granted);
        URI uri = URI.create(callback);
        assertEquals("/admin/callback", uri.getPath());
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static void assertCookie(Map<String, String> attributes, String maxAge) {
        assertTrue(attributes.containsKey("httponly"), attributes.toString());
        assertTrue(attributes.containsKey("secure"), attributes.toString());
        assertEquals("Lax", attributes.get("samesite"));
        assertEquals("/", attributes.get("path"));
        assertFalse(attributes.containsKey("domain"));
        assertEquals(maxAge, attributes.get("max-age"));
    }

    private static void awaitUsageWrites(Transport gate) {
        ApplicationContext context = gate instanceof LambdaTransport lambda ? lambda.context() : ((HttpTransport) gate).server().context();
        context.getBean(UsageMeter.class).awaitBackgroundWrites();
    }

    private static String auditRows(String page) {
        Matcher rows = Pattern.compile("(?s)<table id=\"audit-events\">.*?<tbody>(.*?)</tbody>").matcher(page);
        return rows.find() ? rows.group(1) : "";
    }

    private static String refusalRows(String page) {
        Matcher rows = Pattern.compile("(?s)<h2 id=\"refusals\">(.*?)<h2").matcher(page);
        assertTrue(rows.find(), page);
        return rows.group(1);
    }

    private static long refused(String rows, int status, String reason) {
        Matcher row = Pattern.compile("<tr><td>" + status + "</td><td><code>" + reason + "</code></td><td class=\"n\">([0-9]+)</td>").matcher(rows);
        return row.find() ? Long.parseLong(row.group(1)) : 0;
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }
}
