package dev.actiongate.oauth;

import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.actiongate.testing.TestIdentityProvider.GPT_CLIENT_ID;
import static dev.actiongate.testing.TestIdentityProvider.GPT_REDIRECT_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which scopes a GPT may ask for: the requestable API scopes ({@code admin} only where an administrator
 * allows it), the provider's own scopes passed through, nothing else. Over HTTP and through the Lambda handler.
 */
class ScopesTest {

    private static final List<String> REQUESTABLE_BY_DEFAULT =
            List.of("workflows:read", "workflows:trigger", "deployments:read", "logs:read", "analytics:read");

    @RegisterExtension
    static final Gates gates = Gates.withSignInPage();
    static final Gates withAdmin = gates.sameProvider()
            .with("actiongate.oauth.requestable-scopes", "workflows:read,workflows:trigger,deployments:read,logs:read,analytics:read,admin")
            .with("actiongate.oauth.passthrough-scopes", "phone");

    private final TestIdentityProvider idp = gates.provider();

    static Stream<Arguments> both() {
        return gates.both();
    }

    static Stream<Arguments> gatesAllowingAdmin() {
        return withAdmin.both();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void askingForAdminAtAuthorizeGoesBackToTheGptAsInvalidScope(String name, Transport gate) {
        Map<String, String> error = redirectedError(authorize(gate, "analytics:read admin"));

        assertEquals(List.of("invalid_scope", "s1"), List.of(error.get("error"), error.get("state")));
        assertTrue(error.get("error_description").contains("actiongate.oauth.requestable-scopes"), error.get("error_description"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void askingForAdminAtRefreshIsInvalidScope(String name, Transport gate) {
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);
        String code = chatGpt.signIn("tina@example.com", "analytics:read", "s").code();
        String refreshToken = (String) ChatGptAndBrowser.json(chatGpt.redeemWithPost(code)).get("refresh_token");

        Transport.Answer refreshed = chatGpt.token(ChatGptAndBrowser.basic(GPT_CLIENT_ID, TestIdentityProvider.GPT_CLIENT_SECRET),
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "scope", "analytics:read admin"));

        assertEquals(400, refreshed.status(), refreshed.body());
        assertEquals("invalid_scope", ChatGptAndBrowser.json(refreshed).get("error"));
        assertEquals("no-store", refreshed.header("cache-control"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void anUnknownScopeStaysInvalidScopeNextToOpenIdConnectOnes(String name, Transport gate) {
        for (String scope : List.of("openid repo:delete", "openid phone workflows:read", "OpenID workflows:read")) {
            Map<String, String> error = redirectedError(authorize(gate, scope));

            assertEquals("invalid_scope", error.get("error"), scope);
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theDiscoveryDocumentsListTheRequestableScopes(String name, Transport gate) {
        assertEquals(REQUESTABLE_BY_DEFAULT, scopesSupported(gate, "/.well-known/oauth-authorization-server"));
        assertEquals(REQUESTABLE_BY_DEFAULT, scopesSupported(gate, "/.well-known/oauth-protected-resource"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("gatesAllowingAdmin")
    void whereAdminIsRequestableAnAdminsGptSignsInWithIt(String name, Transport gate) {
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);

        String code = chatGpt.signIn("uma@example.com", "openid analytics:read admin", "s").code();
        Transport.Answer token = chatGpt.redeemWithBasic(code);

        assertEquals(200, token.status(), token.body());
        Map<String, Object> tokens = ChatGptAndBrowser.json(token);
        assertEquals("openid analytics:read admin", tokens.get("scope"));
        Transport.Answer me = gate.get("/api/me", Map.of("authorization", "Bearer " + tokens.get("access_token")));
        assertEquals(List.of("analytics:read", "admin"), ChatGptAndBrowser.json(me).get("scopes"), me.body());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("gatesAllowingAdmin")
    void whereAdminIsRequestableItIsStillNeitherADefaultNorAdvertised(String name, Transport gate) {
        String signInPage = new ChatGptAndBrowser(gate, idp).startSignIn("", "s");

        String upstreamScope = ChatGptAndBrowser.parse(URI.create(signInPage).getRawQuery()).get("scope");
        assertEquals("openid " + String.join(" ", REQUESTABLE_BY_DEFAULT), upstreamScope);
        assertEquals(REQUESTABLE_BY_DEFAULT, scopesSupported(gate, "/.well-known/oauth-authorization-server"));
        assertEquals(REQUESTABLE_BY_DEFAULT, scopesSupported(gate, "/.well-known/oauth-protected-resource"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("gatesAllowingAdmin")
    void aConfiguredPassthroughScopeIsAskedOfTheProvider(String name, Transport gate) {
        String signInPage = new ChatGptAndBrowser(gate, idp).startSignIn("phone workflows:read", "s");

        assertEquals("openid phone workflows:read", ChatGptAndBrowser.parse(URI.create(signInPage).getRawQuery()).get("scope"));
    }

    private static Transport.Answer authorize(Transport gate, String scope) {
        return gate.get("/authorize?" + ChatGptAndBrowser.form(Map.of("response_type", "code", "client_id", GPT_CLIENT_ID,
                "redirect_uri", GPT_REDIRECT_URI, "scope", scope, "state", "s1")), Map.of("accept", "text/html"));
    }

    private static Map<String, String> redirectedError(Transport.Answer answer) {
        assertEquals(302, answer.status(), answer.body());
        String location = answer.header("location");
        assertTrue(location.startsWith(GPT_REDIRECT_URI + "?"), "back to the GPT, not on to the provider: " + location);
        Map<String, String> parameters = ChatGptAndBrowser.parse(URI.create(location).getRawQuery());
        assertFalse(parameters.containsKey("code"), location);
        return parameters;
    }

    private static List<?> scopesSupported(Transport gate, String path) {
        Transport.Answer answer = gate.get(path, Map.of("accept", "application/json"));
        assertEquals(200, answer.status(), answer.body());
        return (List<?>) ChatGptAndBrowser.json(answer).get("scopes_supported");
    }
}
