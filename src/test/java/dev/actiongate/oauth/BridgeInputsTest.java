package dev.actiongate.oauth;

import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import dev.actiongate.web.QueryString;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.actiongate.testing.TestIdentityProvider.GPT_CLIENT_ID;
import static dev.actiongate.testing.TestIdentityProvider.GPT_CLIENT_SECRET;
import static dev.actiongate.testing.TestIdentityProvider.GPT_REDIRECT_URI;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the bridge reads strictly, so that no second spelling of a value means something else: sealed
 * values, redirect_uris, repeated parameters, PKCE, Basic credentials. Each test runs over HTTP against
 * the local server and through the Lambda handler with API Gateway events.
 */
class BridgeInputsTest {

    /** A pattern whose fixed part is not normalized, so only the normalization check can refuse a match. */
    private static final String UNNORMALIZED_PATTERN = "https://app.example.com/gpt/./*/callback";
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @RegisterExtension
    static final Gates gates = Gates.withSignInPage().with("actiongate.gpt.redirect-uris",
            List.of("https://chat.openai.com/aip/*/oauth/callback", "https://chatgpt.com/aip/*/oauth/callback", UNNORMALIZED_PATTERN));

    private final TestIdentityProvider idp = gates.provider();

    static Stream<Arguments> both() {
        return gates.both();
    }

    // --- sealed values: one spelling each

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void anotherSpellingOfARedeemedCodeIsInvalidGrantAndNeverRedeemedAgain(String name, Transport gate) {
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);
        String code = codeWithSpareBits(chatGpt);
        Transport.Answer first = chatGpt.redeemWithPost(code);
        assertEquals(200, first.status(), first.body());

        for (String spelling : otherSpellings(code)) {
            Transport.Answer again = chatGpt.redeemWithPost(spelling);

            assertEquals(400, again.status(), spelling + ": " + again.body());
            assertEquals(List.of("invalid_grant", "The code is not valid; start the sign-in again."),
                    List.of(ChatGptAndBrowser.json(again).get("error"), ChatGptAndBrowser.json(again).get("error_description")));
        }
        Transport.Answer repeat = chatGpt.redeemWithPost(code);
        assertEquals(List.of(200, first.body()), List.of(repeat.status(), repeat.body()), "the code itself still gets its first answer");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void anotherSpellingOfTheSignInStateIsA400AndNoRedirect(String name, Transport gate) {
        String state = stateWithSpareBits(gate);

        for (String spelling : otherSpellings(state)) {
            assertRefusedWithoutRedirect(gate.get("/oauth/callback?code=c&state=" + QueryString.encode(spelling)), "not valid");
        }
    }

    // --- redirect_uri patterns: a * is one segment that stays one segment

    static Stream<Arguments> segmentsThatAreNotOneSegment() {
        return gates.both().flatMap(gate -> Stream.of(
                        "..", ".", "%2e", "%2E", "%2e%2e", "%2E%2E", "%2e%2E", ".%2e", ".%2E", "%2e.", "%2E.",
                        "g-1%2fx", "g-1%2Fx", "g-1%5cx", "g-1%5Cx", "g-1\\x")
                .map(segment -> Arguments.of(gate.get()[0], gate.get()[1], segment)));
    }

    @ParameterizedTest(name = "{0}: {2}", autoCloseArguments = false)
    @MethodSource("segmentsThatAreNotOneSegment")
    void aStarDoesNotMatchADotSegmentOrASeparatorInAnySpelling(String name, Transport gate, String segment) {
        Transport.Answer answer = authorize(gate, "https://chatgpt.com/aip/" + segment + "/oauth/callback");

        assertRefusedWithoutRedirect(answer, "allowlist");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aRedirectUriThatNormalizingWouldChangeIsA400AndNoRedirect(String name, Transport gate) {
        Transport.Answer answer = authorize(gate, "https://app.example.com/gpt/./g-1/callback");

        assertRefusedWithoutRedirect(answer, "allowlist");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aStarMatchesASegmentWithPercentEncodedOctets(String name, Transport gate) {
        Transport.Answer answer = authorize(gate, "https://chatgpt.com/aip/g-%41b%7e/oauth/callback");

        assertEquals(302, answer.status(), answer.body());
        assertTrue(answer.header("location").startsWith(idp.issuer() + "/authorize?"), answer.header("location"));
    }

    // --- the raw query: a parameter sent twice is refused on Lambda too

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aStateSentTwiceAtAuthorizeIsInvalidRequest(String name, Transport gate) {
        Transport.Answer answer = gate.get("/authorize?" + ChatGptAndBrowser.form(Map.of("response_type", "code",
                "client_id", GPT_CLIENT_ID, "redirect_uri", GPT_REDIRECT_URI, "scope", "workflows:read")) + "&state=a&state=b",
                Map.of("accept", "application/json"));

        assertRefusedWithoutRedirect(answer, "more than once");
        assertEquals("invalid_request", ChatGptAndBrowser.json(answer).get("error"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aCodeSentTwiceAtTheCallbackIsInvalidRequest(String name, Transport gate) {
        String state = upstreamState(gate, "s");

        Transport.Answer answer = gate.get("/oauth/callback?code=a&code=b&state=" + QueryString.encode(state),
                Map.of("accept", "application/json"));

        assertRefusedWithoutRedirect(answer, "more than once");
        assertEquals("invalid_request", ChatGptAndBrowser.json(answer).get("error"));
    }

    // --- PKCE

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aCodeVerifierForASignInWithoutACodeChallengeIsInvalidGrant(String name, Transport gate) {
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);
        String code = chatGpt.signIn("pat@example.com", "workflows:read", "s").code();

        Transport.Answer answer = chatGpt.token(Map.of(), Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", GPT_REDIRECT_URI, "client_id", GPT_CLIENT_ID, "client_secret", GPT_CLIENT_SECRET,
                "code_verifier", Pkce.newVerifier()));

        assertEquals(400, answer.status(), answer.body());
        assertEquals("invalid_grant", ChatGptAndBrowser.json(answer).get("error"));
    }

    // --- Basic client authentication

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aSecretWithPlusSlashAndEqualsWorksInABasicHeaderThatIsNotFormEncoded(String name, Transport gate) {
        assertTrue(GPT_CLIENT_SECRET.contains("+") && GPT_CLIENT_SECRET.contains("/") && GPT_CLIENT_SECRET.contains("="));
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);
        String code = chatGpt.signIn("quinn@example.com", "workflows:read", "s").code();

        Transport.Answer answer = chatGpt.token(rawBasic(GPT_CLIENT_ID, GPT_CLIENT_SECRET),
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", GPT_REDIRECT_URI));

        assertEquals(200, answer.status(), answer.body());
        assertTrue(ChatGptAndBrowser.json(answer).get("access_token") instanceof String);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aWrongSecretInABasicHeaderThatIsNotFormEncodedIs401InvalidClient(String name, Transport gate) {
        Transport.Answer answer = new ChatGptAndBrowser(gate, idp).token(rawBasic(GPT_CLIENT_ID, GPT_CLIENT_SECRET.replace('+', ' ')),
                Map.of("grant_type", "authorization_code", "code", "c", "redirect_uri", GPT_REDIRECT_URI));

        assertEquals(401, answer.status(), answer.body());
        assertEquals("invalid_client", ChatGptAndBrowser.json(answer).get("error"));
    }

    // --- helpers

    /** Basic credentials as many clients send them: id and secret joined as they are, not form-encoded. */
    private static Map<String, String> rawBasic(String clientId, String secret) {
        String pair = clientId + ":" + secret;
        return Map.of("authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Other spellings of the same bytes that Java's base64url decoder takes: with {@code =} padding, and
     * with the unused low bits of the last character set. Checked here to decode to the same bytes.
     */
    private static List<String> otherSpellings(String sealed) {
        String text = sealed.substring(1);
        int rest = text.length() % 4;
        assertTrue(rest != 0, "a value whose last character has unused bits");
        char last = text.charAt(text.length() - 1);
        String padded = sealed + "=".repeat(4 - rest);
        String otherBits = sealed.substring(0, sealed.length() - 1) + BASE64URL.charAt(BASE64URL.indexOf(last) ^ 1);
        List<String> spellings = List.of(padded, otherBits);
        for (String spelling : spellings) {
            assertFalse(spelling.equals(sealed));
            assertArrayEquals(Base64.getUrlDecoder().decode(text), Base64.getUrlDecoder().decode(spelling.substring(1)), spelling);
        }
        return spellings;
    }

    /** A code whose length leaves unused bits (its length depends on the scope sealed into it). */
    private static String codeWithSpareBits(ChatGptAndBrowser chatGpt) {
        for (String scope : List.of("workflows:read", "logs:read", "deployments:read", "workflows:read logs:read")) {
            String code = chatGpt.signIn("nina@example.com", scope, "s").code();
            if (code.substring(1).length() % 4 != 0) {
                return code;
            }
        }
        throw new AssertionError("no code with unused bits");
    }

    private static String stateWithSpareBits(Transport gate) {
        for (String gptState : List.of("s", "st", "sta")) {
            String state = upstreamState(gate, gptState);
            if (state.substring(1).length() % 4 != 0) {
                return state;
            }
        }
        throw new AssertionError("no state with unused bits");
    }

    /** The sealed state /authorize hands the provider. */
    private static String upstreamState(Transport gate, String gptState) {
        Transport.Answer answer = gate.get("/authorize?" + ChatGptAndBrowser.form(Map.of("response_type", "code",
                "client_id", GPT_CLIENT_ID, "redirect_uri", GPT_REDIRECT_URI, "scope", "workflows:read", "state", gptState)));
        assertEquals(302, answer.status(), answer.body());
        return ChatGptAndBrowser.parse(URI.create(answer.header("location")).getRawQuery()).get("state");
    }

    private static Transport.Answer authorize(Transport gate, String redirectUri) {
        return gate.get("/authorize?" + ChatGptAndBrowser.form(Map.of("response_type", "code", "client_id", GPT_CLIENT_ID,
                "redirect_uri", redirectUri, "scope", "workflows:read", "state", "s1")), Map.of("accept", "application/json"));
    }

    private static void assertRefusedWithoutRedirect(Transport.Answer answer, String reason) {
        assertEquals(400, answer.status(), answer.body());
        assertNull(answer.header("location"), "no redirect");
        assertTrue(answer.body().contains(reason), answer.body());
    }
}
