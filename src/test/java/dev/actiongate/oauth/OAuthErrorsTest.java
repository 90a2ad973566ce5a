package dev.actiongate.oauth;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.actiongate.oauth.sealing.Sealer;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.MutableClock;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.actiongate.testing.TestIdentityProvider.GPT_CLIENT_ID;
import static dev.actiongate.testing.TestIdentityProvider.GPT_CLIENT_SECRET;
import static dev.actiongate.testing.TestIdentityProvider.GPT_REDIRECT_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a sign-in can go wrong, each answered the way RFC 6749 and ChatGPT expect. */
class OAuthErrorsTest {

    private static final String OTHER_ALLOWED_REDIRECT = "https://chat.openai.com/aip/g-0123456789abcdef0123456789abcdef01234567/oauth/callback";

    private static final WireMockServer brokenIdp = new WireMockServer(wireMockConfig().dynamicPort());

    @RegisterExtension
    static final Gates gates = Gates.withSignInPage()
            .with("actiongate.oauth.replay-window", "2s")
            .with("actiongate.test.clock", "mutable");
    static final Gates withBrokenIdp = gates.sameProvider()
            .with("actiongate.idp.token-endpoint", () -> brokenIdp.baseUrl() + "/token")
            .with("actiongate.idp.http-timeout", "500ms");

    private final TestIdentityProvider idp = gates.provider();
    private final HttpTransport gate = gates.http();
    private final ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);
    private final MutableClock clock = gate.server().context().getBean(MutableClock.class);

    @BeforeAll
    static void start() {
        brokenIdp.start();
    }

    @AfterAll
    static void stop() {
        brokenIdp.stop();
    }

    /** Each test starts on the real time; one moves ActionGate's clock past the replay window. */
    @BeforeEach
    void now() {
        clock.set(Instant.now());
    }

    // --- /authorize and /oauth/callback: no redirect until the redirect_uri is trusted

    @Test
    void authorizeWithAnUnknownClientIsA400AndNoRedirect() {
        Transport.Answer answer = authorize(Map.of("client_id", "someone-else"));

        assertRefusedWithoutRedirect(answer, "client_id");
    }

    @Test
    void authorizeWithARedirectUriOutsideTheAllowlistIsA400AndNoRedirect() {
        Transport.Answer answer = authorize(Map.of("redirect_uri", "https://chatgpt.com.evil.example/aip/g-1/oauth/callback"));

        assertRefusedWithoutRedirect(answer, "allowlist");
    }

    @Test
    void authorizeWithoutARedirectUriIsA400AndNoRedirect() {
        Transport.Answer answer = authorize(Map.of("redirect_uri", ""));

        assertRefusedWithoutRedirect(answer, "redirect_uri is missing");
    }

    @Test
    void authorizeWithoutStateGoesBackToTheGptAsInvalidRequest() {
        Map<String, String> error = redirectedError(authorize(Map.of("state", "")));

        assertEquals("invalid_request", error.get("error"));
        assertNull(error.get("state"));
    }

    @Test
    void authorizeWithAnotherResponseTypeGoesBackToTheGpt() {
        Map<String, String> error = redirectedError(authorize(Map.of("response_type", "token")));

        assertEquals(List.of("unsupported_response_type", "s1"), List.of(error.get("error"), error.get("state")));
    }

    @Test
    void authorizeWithAnUnknownScopeGoesBackToTheGptAsInvalidScope() {
        Map<String, String> error = redirectedError(authorize(Map.of("scope", "workflows:read repo:delete")));

        assertEquals(List.of("invalid_scope", "s1"), List.of(error.get("error"), error.get("state")));
    }

    @Test
    void authorizeWithAParameterSentTwiceIsRefused() {
        Transport.Answer answer = gate.get("/authorize?" + authorizeQuery(Map.of()) + "&client_id=" + GPT_CLIENT_ID, Map.of());

        assertRefusedWithoutRedirect(answer, "more than once");
    }

    @Test
    void aTamperedStateIsA400AndNoRedirect() {
        String upstream = gate.get("/authorize?" + authorizeQuery(Map.of()), Map.of()).header("location");
        String state = ChatGptAndBrowser.parse(java.net.URI.create(upstream).getRawQuery()).get("state");
        String tampered = state.substring(0, 20) + (state.charAt(20) == 'A' ? 'B' : 'A') + state.substring(21);

        Transport.Answer answer = gate.get("/oauth/callback?code=c&state=" + tampered, Map.of());

        assertRefusedWithoutRedirect(answer, "not valid");
    }

    @Test
    void anExpiredStateIsA400AndNoRedirect() {
        String expired = sealer(gate).seal(Sealer.Purpose.STATE, new PendingSignIn(new AuthorizationRequest(GPT_CLIENT_ID, false,
                GPT_REDIRECT_URI, "s", "workflows:read", null, null), "v".repeat(43), "http://localhost/oauth/callback"), Instant.now().minusSeconds(1));

        Transport.Answer answer = gate.get("/oauth/callback?code=c&state=" + expired, Map.of());

        assertRefusedWithoutRedirect(answer, "expired");
    }

    @Test
    void aCodeCannotBePassedOffAsAState() {
        String code = chatGpt.signIn("dave@example.com", "workflows:read", "s").code();

        assertRefusedWithoutRedirect(gate.get("/oauth/callback?code=c&state=" + code, Map.of()), "not valid");
    }

    @Test
    void anUpstreamErrorGoesBackToTheGptWithItsState() {
        String upstream = gate.get("/authorize?" + authorizeQuery(Map.of("state", "gpt,state"))).header("location");
        String state = ChatGptAndBrowser.parse(java.net.URI.create(upstream).getRawQuery()).get("state");

        Map<String, String> error = redirectedError(gate.get("/oauth/callback?error=access_denied&error_description=User%20said%20no&state=" + state, Map.of()));

        assertEquals(List.of("access_denied", "User said no", "gpt,state"),
                List.of(error.get("error"), error.get("error_description"), error.get("state")));
    }

    // --- /token

    @Test
    void aWrongClientSecretIs401InvalidClientWithAChallenge() {
        Transport.Answer answer = chatGpt.token(Map.of(), redeem("any-code", Map.of("client_secret", "wrong")));

        assertOAuthError(answer, 401, "invalid_client");
        assertEquals("Basic realm=\"ActionGate\"", answer.header("www-authenticate"));
    }

    @Test
    void aWrongSecretInTheBasicHeaderIs401InvalidClient() {
        Transport.Answer answer = chatGpt.token(ChatGptAndBrowser.basic(GPT_CLIENT_ID, "wrong"),
                Map.of("grant_type", "authorization_code", "code", "c", "redirect_uri", GPT_REDIRECT_URI));

        assertOAuthError(answer, 401, "invalid_client");
    }

    @Test
    void anUnknownClientIdIs401InvalidClient() {
        Transport.Answer answer = chatGpt.token(Map.of(), redeem("any-code", Map.of("client_id", "someone-else")));

        assertOAuthError(answer, 401, "invalid_client");
    }

    @Test
    void noClientCredentialsAtAllIs401InvalidClient() {
        Transport.Answer answer = chatGpt.token(Map.of(), Map.of("grant_type", "authorization_code", "code", "c"));

        assertOAuthError(answer, 401, "invalid_client");
    }

    @Test
    void aMissingCodeIsInvalidRequest() {
        Transport.Answer answer = chatGpt.token(Map.of(), redeem("", Map.of()));

        assertOAuthError(answer, 400, "invalid_request");
    }

    @Test
    void aMissingGrantTypeIsInvalidRequest() {
        Transport.Answer answer = chatGpt.token(Map.of(), Map.of("client_id", GPT_CLIENT_ID, "client_secret", GPT_CLIENT_SECRET));

        assertOAuthError(answer, 400, "invalid_request");
    }

    @Test
    void anUnsupportedGrantIsUnsupportedGrantType() {
        Transport.Answer answer = chatGpt.token(Map.of(), Map.of("grant_type", "client_credentials",
                "client_id", GPT_CLIENT_ID, "client_secret", GPT_CLIENT_SECRET));

        assertOAuthError(answer, 400, "unsupported_grant_type");
    }

    @Test
    void aCodeThatIsNotOursIsInvalidGrant() {
        assertOAuthError(chatGpt.token(Map.of(), redeem("1AAAAforged", Map.of())), 400, "invalid_grant");
    }

    @Test
    void anExpiredCodeIsInvalidGrant() {
        String expired = sealer(gate).seal(Sealer.Purpose.CODE, new IssuedCode(new AuthorizationRequest(GPT_CLIENT_ID, false,
                GPT_REDIRECT_URI, "s", "workflows:read", null, null), "upstream", "v".repeat(43), "http://localhost/oauth/callback"), Instant.now().minusSeconds(1));

        assertOAuthError(chatGpt.token(Map.of(), redeem(expired, Map.of())), 400, "invalid_grant");
    }

    @Test
    void aRedirectUriOtherThanTheSignInsIsInvalidGrant() {
        String code = chatGpt.signIn("erin@example.com", "workflows:read", "s").code();

        assertOAuthError(chatGpt.token(Map.of(), redeem(code, Map.of("redirect_uri", OTHER_ALLOWED_REDIRECT))), 400, "invalid_grant");
    }

    @Test
    void theSameCodeTwiceWithinTheWindowGetsTheSameAnswer() {
        String code = chatGpt.signIn("frank@example.com", "workflows:read", "s").code();

        Transport.Answer first = chatGpt.redeemWithPost(code);
        Transport.Answer second = chatGpt.redeemWithBasic(code);

        assertEquals(200, first.status(), first.body());
        assertEquals(List.of(200, first.body()), List.of(second.status(), second.body()));
    }

    @Test
    void theSameCodePostedTwiceAtOnceGetsTwoEqualAnswers() throws Exception {
        String code = chatGpt.signIn("grace@example.com", "workflows:read", "s").code();
        CountDownLatch go = new CountDownLatch(1);
        Callable<Transport.Answer> post = () -> {
            go.await();
            return chatGpt.redeemWithPost(code);
        };
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<Transport.Answer> one = threads.submit(post);
            Future<Transport.Answer> two = threads.submit(post);
            go.countDown();

            assertEquals(200, one.get().status(), one.get().body());
            assertEquals(List.of(200, one.get().body()), List.of(two.get().status(), two.get().body()));
        }
    }

    @Test
    void theSameCodeAfterTheWindowIsInvalidGrant() {
        String code = chatGpt.signIn("heidi@example.com", "workflows:read", "s").code();
        assertEquals(200, chatGpt.redeemWithPost(code).status());

        clock.set(clock.instant().plusMillis(2_100));

        assertOAuthError(chatGpt.redeemWithPost(code), 400, "invalid_grant");
    }

    @Test
    void theSameRefreshTokenTwiceWithinTheWindowGetsTheSameAnswer() {
        String code = chatGpt.signIn("ivan@example.com", "workflows:read", "s").code();
        String refreshToken = (String) ChatGptAndBrowser.json(chatGpt.redeemWithPost(code)).get("refresh_token");

        Transport.Answer first = chatGpt.refreshWithBasic(refreshToken);
        Transport.Answer second = chatGpt.refreshWithBasic(refreshToken);

        assertEquals(200, first.status(), first.body());
        assertEquals(List.of(200, first.body()), List.of(second.status(), second.body()), "the provider rotates, so only a replay can answer 200");
    }

    @Test
    void aJsonBodyIsAccepted() {
        String code = chatGpt.signIn("judy@example.com", "workflows:read", "s").code();

        Transport.Answer answer = gate.post("/token", Map.of("content-type", "application/json"),
                "{\"grant_type\":\"authorization_code\",\"code\":\"" + code + "\",\"redirect_uri\":\"" + GPT_REDIRECT_URI
                        + "\",\"client_id\":\"" + GPT_CLIENT_ID + "\",\"client_secret\":\"" + GPT_CLIENT_SECRET + "\"}");

        assertEquals(200, answer.status(), answer.body());
        assertTrue(ChatGptAndBrowser.json(answer).get("access_token") instanceof String);
    }

    @Test
    void aGptCodeChallengeIsHonoured() {
        String verifier = Pkce.newVerifier();
        String upstream = gate.get("/authorize?" + authorizeQuery(Map.of("code_challenge", Pkce.challenge(verifier),
                "code_challenge_method", "S256"))).header("location");
        String code = signInAt(upstream);

        assertOAuthError(chatGpt.token(Map.of(), redeem(code, Map.of("code_verifier", Pkce.newVerifier()))), 400, "invalid_grant");
        Transport.Answer answer = chatGpt.token(Map.of(), redeem(code, Map.of("code_verifier", verifier)));
        assertEquals(200, answer.status(), answer.body());
    }

    @Test
    void withTheTableUnreachableASignInStillCompletes() {
        Map<String, Object> settings = new LinkedHashMap<>(idp.settings());
        settings.put("actiongate.usage.endpoint", "http://127.0.0.1:9");
        try (HttpTransport gateWithoutTable = new HttpTransport(settings)) {
            ChatGptAndBrowser gpt = new ChatGptAndBrowser(gateWithoutTable, idp);
            String code = gpt.signIn("olivia@example.com", "workflows:read", "s").code();

            Transport.Answer answer = gpt.redeemWithPost(code);

            assertEquals(200, answer.status(), answer.body());
        }
    }

    // --- the provider's token endpoint misbehaving

    @Test
    void anUpstreamInvalidGrantIsRelayedWithItsStatusAndBody() {
        brokenIdp.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"The code has expired at the provider\"}")));

        Transport.Answer answer = redeemAtBrokenIdp();

        assertOAuthError(answer, 400, "invalid_grant");
        assertEquals("The code has expired at the provider", ChatGptAndBrowser.json(answer).get("error_description"));
    }

    @Test
    void anUpstream500IsA502TemporarilyUnavailable() {
        brokenIdp.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(500).withBody("<html>oops</html>")));

        assertOAuthError(redeemAtBrokenIdp(), 502, "temporarily_unavailable");
    }

    @Test
    void anUpstreamTimeoutIsA504TemporarilyUnavailable() {
        brokenIdp.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)
                .withHeader("Content-Type", "application/json").withBody("{\"access_token\":\"late\"}")));

        assertOAuthError(redeemAtBrokenIdp(), 504, "temporarily_unavailable");
    }

    @Test
    void theProviderRefusingActionGatesOwnCredentialsIsA502NotTheGptsFault() {
        brokenIdp.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));

        assertOAuthError(redeemAtBrokenIdp(), 502, "temporarily_unavailable");
    }

    // --- helpers

    private Transport.Answer redeemAtBrokenIdp() {
        String code = sealer(withBrokenIdp.http()).seal(Sealer.Purpose.CODE, new IssuedCode(new AuthorizationRequest(GPT_CLIENT_ID, false,
                GPT_REDIRECT_URI, "s", "workflows:read", null, null), "upstream-code-" + System.nanoTime(), Pkce.newVerifier(),
                "http://localhost/oauth/callback"),
                Instant.now().plusSeconds(60));
        return new ChatGptAndBrowser(withBrokenIdp.http(), idp).redeemWithPost(code);
    }

    private static Sealer sealer(HttpTransport transport) {
        return transport.server().context().getBean(Sealer.class);
    }

    private String signInAt(String upstream) {
        var browser = java.net.http.HttpClient.newHttpClient();
        try {
            var signedIn = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(upstream))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=kim%40example.com")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return chatGpt.followToGpt(signedIn.headers().firstValue("location").orElseThrow()).code();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> redeem(String code, Map<String, String> overrides) {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", GPT_REDIRECT_URI, "client_id", GPT_CLIENT_ID, "client_secret", GPT_CLIENT_SECRET));
        parameters.putAll(overrides);
        return parameters;
    }

    private Transport.Answer authorize(Map<String, String> overrides) {
        return gate.get("/authorize?" + authorizeQuery(overrides), Map.of("accept", "application/json"));
    }

    private static String authorizeQuery(Map<String, String> overrides) {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("response_type", "code", "client_id", GPT_CLIENT_ID,
                "redirect_uri", GPT_REDIRECT_URI, "scope", "workflows:read", "state", "s1"));
        parameters.putAll(overrides);
        return ChatGptAndBrowser.form(parameters);
    }

    private static void assertRefusedWithoutRedirect(Transport.Answer answer, String reason) {
        assertEquals(400, answer.status(), answer.body());
        assertNull(answer.header("location"), "no redirect");
        assertTrue(answer.body().contains(reason), answer.body());
    }

    private static Map<String, String> redirectedError(Transport.Answer answer) {
        assertEquals(302, answer.status(), answer.body());
        String location = answer.header("location");
        assertTrue(location.startsWith(GPT_REDIRECT_URI + "?"), location);
        return ChatGptAndBrowser.parse(java.net.URI.create(location).getRawQuery());
    }

    private static void assertOAuthError(Transport.Answer answer, int status, String error) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(error, ChatGptAndBrowser.json(answer).get("error"), answer.body());
        assertEquals("no-store", answer.header("cache-control"));
    }
}
