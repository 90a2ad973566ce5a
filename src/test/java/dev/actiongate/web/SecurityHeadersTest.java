package dev.actiongate.web;

import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every answer carries the browser security headers: pages, JSON, the security filter's 401 and the
 * framework's own 404 and 405, over HTTP on the local server and through the Lambda handler (where API
 * Gateway's requests say HTTPS, so Strict-Transport-Security is sent).
 */
class SecurityHeadersTest {

    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String HSTS = "max-age=31536000";

    @RegisterExtension
    static final Gates gates = Gates.withProvider();
    static final Gates behindHttpsRoot = gates.sameProvider().with("actiongate.public-base-url", "https://gate.example.com");

    private final TestIdentityProvider idp = gates.provider();

    /** The gate, and whether its public root is HTTPS. */
    static Stream<Arguments> gatesAndHttps() {
        return Stream.of(Arguments.of("HTTP", gates.http(), false), Arguments.of("Lambda", gates.lambda(), true));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("gatesAndHttps")
    void thePrivacyPageCannotBeFramedOrSniffedAndMayBeCached(String name, Transport gate, boolean https) {
        Transport.Answer page = gate.get("/privacy", Map.of("accept", "text/html"));

        assertEquals(200, page.status());
        assertPageHeaders(page, https);
        assertNotEquals("no-store", page.header("cache-control"), "a public page, the same for everyone");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("gatesAndHttps")
    void theAuthorizeErrorPageCannotBeFramedSniffedOrStored(String name, Transport gate, boolean https) {
        Transport.Answer page = gate.get("/authorize?" + ChatGptAndBrowser.form(Map.of("response_type", "code",
                "client_id", "someone-else", "redirect_uri", TestIdentityProvider.GPT_REDIRECT_URI, "state", "s")), Map.of("accept", "text/html"));

        assertEquals(400, page.status(), page.body());
        assertPageHeaders(page, https);
        assertEquals("no-store", page.header("cache-control"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("gatesAndHttps")
    void apiAnswersAreNeitherSniffedNorStored(String name, Transport gate, boolean https) {
        Transport.Answer me = gate.get("/api/me", Map.of("authorization", "Bearer " + idp.accessToken("alice", "workflows:read")));
        Transport.Answer refused = gate.get("/api/me");

        assertEquals(200, me.status(), me.body());
        assertEquals(401, refused.status(), refused.body());
        assertTrue(refused.header("www-authenticate").startsWith("Bearer error=\"invalid_token\""), refused.header("www-authenticate"));
        for (Transport.Answer answer : new Transport.Answer[]{me, refused}) {
            assertJsonHeaders(answer, https);
            assertEquals("no-store", answer.header("cache-control"));
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("gatesAndHttps")
    void theFrameworksOwnErrorsCarryTheHeadersToo(String name, Transport gate, boolean https) {
        Transport.Answer notFound = gate.get("/nothing-here", Map.of("accept", "application/json"));
        Transport.Answer wrongMethod = gate.post("/authorize", Map.of("content-type", "application/json", "accept", "application/json"), "{}");

        assertEquals(404, notFound.status(), notFound.body());
        assertEquals(405, wrongMethod.status(), wrongMethod.body());
        for (Transport.Answer answer : new Transport.Answer[]{notFound, wrongMethod}) {
            assertJsonHeaders(answer, https);
            assertEquals("no-store", answer.header("cache-control"));
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("gatesAndHttps")
    void tokenAnswersAreNotStoredAndTheSchemaMayBe(String name, Transport gate, boolean https) {
        Transport.Answer token = gate.post("/token", Map.of("content-type", "application/x-www-form-urlencoded"),
                "grant_type=authorization_code&code=nonsense&client_id=someone&client_secret=wrong");
        Transport.Answer schema = gate.get("/openapi.json");

        assertEquals(401, token.status(), token.body());
        assertJsonHeaders(token, https);
        assertEquals("no-store", token.header("cache-control"));
        assertEquals(200, schema.status());
        assertJsonHeaders(schema, https);
        assertNotEquals("no-store", schema.header("cache-control"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("gatesAndHttps")
    void theCallbacksRedirectAndPageAreNeitherStoredNorFramed(String name, Transport gate, boolean https) {
        String signInPage = new ChatGptAndBrowser(gate, idp).startSignIn("workflows:read", "s");
        String state = ChatGptAndBrowser.parse(java.net.URI.create(signInPage).getRawQuery()).get("state");

        Transport.Answer back = gate.get("/oauth/callback?" + ChatGptAndBrowser.form(Map.of("error", "access_denied", "state", state)),
                Map.of("accept", "text/html"));
        Transport.Answer page = gate.get("/oauth/callback?state=altered", Map.of("accept", "text/html"));

        assertEquals(302, back.status(), back.body());
        assertEquals("no-store", back.header("cache-control"));
        assertEquals("nosniff", back.header("x-content-type-options"));
        assertEquals(400, page.status(), page.body());
        assertPageHeaders(page, https);
        assertEquals("no-store", page.header("cache-control"));
    }

    @Test
    void strictTransportSecurityFollowsAConfiguredHttpsRootOverPlainHttpToo() {
        Transport.Answer page = behindHttpsRoot.http().get("/privacy");

        assertEquals(HSTS, page.header("strict-transport-security"));
    }

    private static void assertPageHeaders(Transport.Answer page, boolean https) {
        assertTrue(page.header("content-type").startsWith("text/html"), page.header("content-type"));
        assertEquals("nosniff", page.header("x-content-type-options"));
        assertEquals(CSP, page.header("content-security-policy"));
        assertEquals(https ? HSTS : null, page.header("strict-transport-security"));
    }

    private static void assertJsonHeaders(Transport.Answer answer, boolean https) {
        assertEquals("nosniff", answer.header("x-content-type-options"));
        assertNull(answer.header("content-security-policy"), "only pages get a policy");
        assertEquals(https ? HSTS : null, answer.header("strict-transport-security"));
    }
}
