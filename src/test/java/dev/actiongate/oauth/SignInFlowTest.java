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
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person signs in to a GPT through the bridge, end to end against a real OpenID provider with a
 * sign-in page — once through the Lambda handler with API Gateway events, once over HTTP.
 */
class SignInFlowTest {

    /** Every printable ASCII character, commas and spaces included: ChatGPT may send any of them. */
    private static final String EVERY_PRINTABLE = IntStream.rangeClosed(0x20, 0x7E)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

    @RegisterExtension
    static final Gates gates = Gates.withSignInPage();

    private final TestIdentityProvider idp = gates.provider();

    static Stream<Arguments> both() {
        return gates.both();
    }

    /** Both paths, each with both of the GPT editor's token exchange methods. */
    static Stream<Arguments> gatesAndExchangeMethods() {
        return gates.both().flatMap(gate -> Stream.of("client_secret_post", "client_secret_basic")
                .map(method -> Arguments.of(gate.get()[0], gate.get()[1], method)));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void signInCallTheApiRefreshAndCallAgain(String name, Transport gate) {
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);

        ChatGptAndBrowser.Callback callback = chatGpt.signIn("alice@example.com", "workflows:read logs:read", "gpt-state-1");
        assertEquals("gpt-state-1", callback.parameters().get("state"));

        Transport.Answer token = chatGpt.redeemWithPost(callback.code());
        assertEquals(200, token.status(), token.body());
        assertEquals("no-store", token.header("cache-control"));
        Map<String, Object> tokens = ChatGptAndBrowser.json(token);
        assertEquals("Bearer", tokens.get("token_type"));
        assertInstanceOf(Long.class, tokens.get("expires_in"), "expires_in is an integer");
        assertTrue((Long) tokens.get("expires_in") > 3000);
        assertEquals("workflows:read logs:read", tokens.get("scope"));
        assertTrue(tokens.get("refresh_token") instanceof String refresh && !refresh.isEmpty());
        assertEquals(List.of(), tokens.keySet().stream().filter(key -> key.equals("id_token")).toList(), "no id_token is passed on");

        Map<String, Object> me = me(gate, (String) tokens.get("access_token"));
        assertEquals("alice@example.com", me.get("subject"));
        assertEquals(List.of("workflows:read", "logs:read"), me.get("scopes"));

        Transport.Answer refreshed = chatGpt.refreshWithBasic((String) tokens.get("refresh_token"));
        assertEquals(200, refreshed.status(), refreshed.body());
        Map<String, Object> renewed = ChatGptAndBrowser.json(refreshed);
        assertNotEquals(tokens.get("access_token"), renewed.get("access_token"));
        assertNotEquals(tokens.get("refresh_token"), renewed.get("refresh_token"), "the provider rotates refresh tokens");
        assertEquals("alice@example.com", me(gate, (String) renewed.get("access_token")).get("subject"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theCodeCanBeRedeemedWithBasicAuthentication(String name, Transport gate) {
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);

        ChatGptAndBrowser.Callback callback = chatGpt.signIn("bob@example.com", "deployments:read", "s");
        Transport.Answer token = chatGpt.redeemWithBasic(callback.code());

        assertEquals(200, token.status(), token.body());
        assertEquals("bob@example.com", me(gate, (String) ChatGptAndBrowser.json(token).get("access_token")).get("subject"));
    }

    @ParameterizedTest(name = "{0}, {2}", autoCloseArguments = false)
    @MethodSource("gatesAndExchangeMethods")
    void aGptWhoseScopeFieldHoldsOpenIdConnectScopesSignsIn(String name, Transport gate, String method) {
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);

        ChatGptAndBrowser.Callback callback = chatGpt.signIn("paula@example.com", "openid offline_access workflows:read", "s");
        String signInPage = chatGpt.locations().getFirst();
        assertEquals("openid offline_access workflows:read",
                ChatGptAndBrowser.parse(URI.create(signInPage).getRawQuery()).get("scope"), "asked of the provider as they are");
        Transport.Answer token = method.equals("client_secret_post") ? chatGpt.redeemWithPost(callback.code())
                : chatGpt.redeemWithBasic(callback.code());

        assertEquals(200, token.status(), token.body());
        Map<String, Object> tokens = ChatGptAndBrowser.json(token);
        assertEquals("openid offline_access workflows:read", tokens.get("scope"));
        Map<String, Object> me = me(gate, (String) tokens.get("access_token"));
        assertEquals(List.of("workflows:read"), me.get("scopes"), "openid and offline_access are no API scopes");
        Transport.Answer refreshed = method.equals("client_secret_post") ? chatGpt.refreshWithPost((String) tokens.get("refresh_token"))
                : chatGpt.refreshWithBasic((String) tokens.get("refresh_token"));
        assertEquals(200, refreshed.status(), refreshed.body());
        assertEquals("paula@example.com", me(gate, (String) ChatGptAndBrowser.json(refreshed).get("access_token")).get("subject"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aGptAskingForOpenIdConnectScopesAloneGetsTheDefaultApiScopes(String name, Transport gate) {
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);

        String code = chatGpt.signIn("quentin@example.com", "openid profile email", "s").code();
        Transport.Answer token = chatGpt.redeemWithPost(code);

        assertEquals(200, token.status(), token.body());
        assertEquals("openid profile email workflows:read workflows:trigger deployments:read logs:read analytics:read",
                ChatGptAndBrowser.json(token).get("scope"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theTokenAnswerSaysWhichScopesTheProviderGranted(String name, Transport gate) {
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);

        String code = chatGpt.signInGranted("rita@example.com", "workflows:read logs:read", "s", "openid workflows:read").code();
        Map<String, Object> tokens = ChatGptAndBrowser.json(chatGpt.redeemWithPost(code));

        assertEquals("workflows:read", tokens.get("scope"), "logs:read was asked for, but the token does not carry it");
        assertEquals(List.of("workflows:read"), me(gate, (String) tokens.get("access_token")).get("scopes"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aRefreshNarrowedToOneScopeReportsTheProvidersAnswer(String name, Transport gate) {
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);
        String code = chatGpt.signIn("sam@example.com", "openid workflows:read logs:read", "s").code();
        String refreshToken = (String) ChatGptAndBrowser.json(chatGpt.redeemWithPost(code)).get("refresh_token");

        Transport.Answer refreshed = chatGpt.token(ChatGptAndBrowser.basic(TestIdentityProvider.GPT_CLIENT_ID, TestIdentityProvider.GPT_CLIENT_SECRET),
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "scope", "logs:read"));

        assertEquals(200, refreshed.status(), refreshed.body());
        // The provider's own scope field ("openid logs:read") goes before what its token says.
        assertEquals("logs:read", ChatGptAndBrowser.json(refreshed).get("scope"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void anyLegalStateComesBackUnchanged(String name, Transport gate) {
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);
        for (String state : List.of(EVERY_PRINTABLE, "a,b", " leading and trailing ", "100%25", "a+b=c&d", "%", "é☃")) {
            ChatGptAndBrowser.Callback callback = chatGpt.signIn("carol@example.com", "workflows:read", state);

            assertEquals(state, callback.parameters().get("state"), "state came back changed: " + callback.location());
        }
    }

    private static Map<String, Object> me(Transport gate, String accessToken) {
        Transport.Answer me = gate.get("/api/me", Map.of("authorization", "Bearer " + accessToken));
        assertEquals(200, me.status(), me.body());
        return ChatGptAndBrowser.json(me);
    }
}
