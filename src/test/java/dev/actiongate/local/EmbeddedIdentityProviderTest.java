package dev.actiongate.local;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTParser;
import dev.actiongate.security.Scopes;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.LambdaTransport;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import dev.actiongate.upstream.ScopeClaims;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The local server's embedded provider, signed in to the way the README's walk-through does: a token
 * carries exactly the scopes asked for, and the token answer says so. Over HTTP and through the Lambda handler.
 */
class EmbeddedIdentityProviderTest {

    private static MockOAuth2Server provider;
    private static String issuer;
    private static Transport http;
    private static Transport lambda;

    @BeforeAll
    static void start() {
        provider = EmbeddedIdentityProvider.start(0);
        issuer = provider.issuerUrl(EmbeddedIdentityProvider.ISSUER_ID).toString();
        Map<String, Object> settings = TestIdentityProvider.bridgeSettings(issuer, EmbeddedIdentityProvider.AUDIENCE);
        http = new HttpTransport(settings);
        lambda = new LambdaTransport(settings);
    }

    @AfterAll
    static void stop() {
        http.close();
        lambda.close();
        provider.shutdown();
    }

    static Stream<Arguments> gates() {
        return Stream.of(Arguments.of("HTTP", http), Arguments.of("Lambda", lambda));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("gates")
    void aSignedInTokenCarriesExactlyTheScopesAskedFor(String name, Transport gate) {
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, issuer);

        String code = chatGpt.signInWithUserNameOnly("alice@example.com", "workflows:read logs:read", "s").code();
        Map<String, Object> tokens = ChatGptAndBrowser.json(chatGpt.redeemWithPost(code));

        assertEquals("workflows:read logs:read", tokens.get("scope"));
        assertEquals(Set.of("openid", "workflows:read", "logs:read"), scopeClaim((String) tokens.get("access_token")),
                "what ActionGate asked of the provider, no more");
        assertEquals(List.of("workflows:read", "logs:read"), me(gate, (String) tokens.get("access_token")).get("scopes"));

        Transport.Answer refreshed = chatGpt.refreshWithBasic((String) tokens.get("refresh_token"));
        assertEquals(200, refreshed.status(), refreshed.body());
        Map<String, Object> renewed = ChatGptAndBrowser.json(refreshed);
        assertEquals("workflows:read logs:read", renewed.get("scope"));
        assertEquals(Set.of("openid", "workflows:read", "logs:read"), scopeClaim((String) renewed.get("access_token")));
    }

    @Test
    void thePasswordGrantForCurlGivesTheScopeItNamesOrAll() throws Exception {
        assertEquals(Set.of("workflows:read", "logs:read"), scopeClaim(passwordGrant("workflows:read logs:read")));
        assertEquals(Set.copyOf(Scopes.ALL.stream().filter(scope -> !scope.equals(Scopes.ADMIN)).toList()),
                scopeClaim(passwordGrant(null)));
    }

    private static String passwordGrant(String scope) throws IOException, InterruptedException, ParseException {
        String form = "grant_type=password&client_id=local-cli&username=alice%40example.com&password=anything"
                + (scope == null ? "" : "&scope=" + scope.replace(" ", "%20"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return (String) JSONObjectUtils.parse(response.body()).get("access_token");
    }

    private static Set<String> scopeClaim(String accessToken) {
        try {
            return ScopeClaims.of(JWTParser.parse(accessToken).getJWTClaimsSet().getClaims());
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> me(Transport gate, String accessToken) {
        Transport.Answer me = gate.get("/api/me", Map.of("authorization", "Bearer " + accessToken));
        assertEquals(200, me.status(), me.body());
        return ChatGptAndBrowser.json(me);
    }
}
