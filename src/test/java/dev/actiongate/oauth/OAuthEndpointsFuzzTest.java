package dev.actiongate.oauth;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.LambdaTransport;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing (Jazzer) of {@code /authorize} and {@code /token} through the Lambda handler,
 * as API Gateway delivers them: whatever query, content type and body arrive, the answer is a redirect
 * or an RFC 6749 error (a token answer when the fuzzer finds one), never a 500. The GPT's Basic
 * credentials are valid when {@code authenticated}, so the grants themselves are reached.
 */
class OAuthEndpointsFuzzTest {

    private static final Set<Integer> AUTHORIZE_STATUSES = Set.of(302, 400);
    private static final Set<Integer> TOKEN_STATUSES = Set.of(200, 400, 401, 413, 502, 504);
    /** A content type HTTP cannot carry (a control character) is refused before the OAuth code runs. */
    private static final String UNREADABLE_HEADER = "bad_request";

    @RegisterExtension
    static final Gates gates = Gates.withProvider();

    private final TestIdentityProvider idp = gates.provider();
    private final LambdaTransport gate = gates.lambda();

    @FuzzTest(maxExecutions = 1_500, maxDuration = "60s")
    @DictionaryEntries({"response_type=code", "client_id=" + TestIdentityProvider.GPT_CLIENT_ID, "redirect_uri=",
            "https%3A%2F%2Fchatgpt.com%2Faip%2Fg-0123456789abcdef0123456789abcdef01234567%2Foauth%2Fcallback",
            "state=", "scope=", "workflows%3Aread", "code_challenge=", "code_challenge_method=S256",
            "grant_type=authorization_code", "grant_type=refresh_token", "code=1", "refresh_token=", "code_verifier=",
            "application/x-www-form-urlencoded", "application/json", "%", "&", "=", "+", "{\"", "\":\""})
    void anyAuthorizeOrTokenRequestGetsAnOAuthAnswer(@NotNull String query, @NotNull String contentType,
            @NotNull String body, boolean authenticated) {
        Transport.Answer authorize = gate.get("/authorize?" + query, Map.of("accept", "application/json"));
        assertTrue(AUTHORIZE_STATUSES.contains(authorize.status()), authorize.status() + " " + authorize.body());
        if (authorize.status() == 302) {
            String location = authorize.header("location");
            assertTrue(location.startsWith(idp.issuer() + "/authorize?") || location.startsWith(TestIdentityProvider.GPT_REDIRECT_URI + "?"),
                    location);
        } else {
            assertEquals("application/json", authorize.header("content-type"));
            assertTrue(ChatGptAndBrowser.json(authorize).get("error") instanceof String, authorize.body());
        }

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        if (authenticated) {
            headers.putAll(ChatGptAndBrowser.basic(TestIdentityProvider.GPT_CLIENT_ID, TestIdentityProvider.GPT_CLIENT_SECRET));
        }
        Transport.Answer token = gate.post("/token", headers, body);
        assertTrue(TOKEN_STATUSES.contains(token.status()), token.status() + " " + token.body());
        Map<String, Object> answer = ChatGptAndBrowser.json(token);
        if (UNREADABLE_HEADER.equals(answer.get("error"))) {
            return;
        }
        assertEquals("no-store", token.header("cache-control"));
        assertTrue(token.status() == 200 ? answer.get("access_token") instanceof String : answer.get("error") instanceof String,
                token.body());
    }
}
