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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every client's authorization responses carry (RFC 9207 {@code iss}), and the RFC 8707 resource a
 * sign-in is for, with the GPT as the client — through the Lambda handler and over HTTP.
 */
class AuthorizationResponsesTest {

    @RegisterExtension
    static final Gates gates = Gates.withSignInPage();

    private final TestIdentityProvider idp = gates.provider();

    static Stream<Arguments> both() {
        return gates.both();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theCodeComesBackWithTheBridgesIssuer(String name, Transport gate) {
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);

        ChatGptAndBrowser.Callback callback = chatGpt.signIn("alice@example.com", "workflows:read", "s-1");

        assertEquals(issuer(gate), callback.parameters().get("iss"));
        assertEquals("s-1", callback.parameters().get("state"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void anErrorRedirectCarriesTheBridgesIssuerToo(String name, Transport gate) {
        Transport.Answer answer = gate.get("/authorize?" + ChatGptAndBrowser.form(request(Map.of("scope", "no-such-scope"))), Map.of());

        Map<String, String> back = redirectedBack(answer);
        assertEquals("invalid_scope", back.get("error"));
        assertEquals("s-2", back.get("state"));
        assertEquals(issuer(gate), back.get("iss"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aResourceOfAnotherHostIsInvalidTarget(String name, Transport gate) {
        Transport.Answer answer = gate.get("/authorize?" + ChatGptAndBrowser.form(request(Map.of("resource", "https://other.example/mcp"))),
                Map.of());

        Map<String, String> back = redirectedBack(answer);
        assertEquals("invalid_target", back.get("error"));
        assertEquals(issuer(gate), back.get("iss"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theMcpEndpointAndTheRootAreThisApisResource(String name, Transport gate) {
        for (String resource : new String[]{issuer(gate) + "/mcp", issuer(gate)}) {
            ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);

            ChatGptAndBrowser.Callback callback = chatGpt.signIn("alice@example.com", request(Map.of("resource", resource)));
            Transport.Answer token = chatGpt.token(Map.of(), Map.of("grant_type", "authorization_code", "code", callback.code(),
                    "redirect_uri", TestIdentityProvider.GPT_REDIRECT_URI, "resource", resource,
                    "client_id", TestIdentityProvider.GPT_CLIENT_ID, "client_secret", TestIdentityProvider.GPT_CLIENT_SECRET));

            assertEquals(200, token.status(), resource + ": " + token.body());
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aTokenRequestForAnotherResourceThanTheSignInsIsInvalidTarget(String name, Transport gate) {
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);
        ChatGptAndBrowser.Callback callback = chatGpt.signIn("alice@example.com", request(Map.of("resource", issuer(gate) + "/mcp")));

        Transport.Answer token = chatGpt.token(Map.of(), Map.of("grant_type", "authorization_code", "code", callback.code(),
                "redirect_uri", TestIdentityProvider.GPT_REDIRECT_URI, "resource", issuer(gate),
                "client_id", TestIdentityProvider.GPT_CLIENT_ID, "client_secret", TestIdentityProvider.GPT_CLIENT_SECRET));

        assertEquals(400, token.status(), token.body());
        assertEquals("invalid_target", ChatGptAndBrowser.json(token).get("error"));
    }

    private static Map<String, String> request(Map<String, String> extra) {
        Map<String, String> request = new LinkedHashMap<>(Map.of("response_type", "code", "client_id", TestIdentityProvider.GPT_CLIENT_ID,
                "redirect_uri", TestIdentityProvider.GPT_REDIRECT_URI, "scope", "workflows:read", "state", "s-2"));
        request.putAll(extra);
        return request;
    }

    private static Map<String, String> redirectedBack(Transport.Answer answer) {
        assertEquals(302, answer.status(), answer.body());
        String location = answer.header("location");
        assertTrue(location.startsWith(TestIdentityProvider.GPT_REDIRECT_URI + "?"), location);
        return ChatGptAndBrowser.parse(URI.create(location).getRawQuery());
    }

    private static String issuer(Transport gate) {
        return (String) ChatGptAndBrowser.json(gate.get("/.well-known/oauth-authorization-server", Map.of())).get("issuer");
    }
}
