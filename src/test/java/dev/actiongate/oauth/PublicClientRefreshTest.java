package dev.actiongate.oauth;

import dev.actiongate.dynamodb.TableBreaker;
import dev.actiongate.oauth.sealing.SealException;
import dev.actiongate.oauth.sealing.Sealer;
import dev.actiongate.testing.CapturedOutput;
import dev.actiongate.testing.ChatGptAndBrowser;
import dev.actiongate.testing.DynamoDbProxy;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.HttpTransport;
import dev.actiongate.testing.LambdaTransport;
import dev.actiongate.testing.MutableClock;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import io.micronaut.context.ApplicationContext;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A public client's refresh tokens (OAuth 2.1 §4.3.1, the MCP specification's rotation for public clients),
 * over HTTP and through the Lambda handler, against the test's real OpenID provider (which rotates its own
 * refresh tokens and offers RFC 7009 revocation) and DynamoDB Local. The code is minted the way the
 * bridge's callback would mint it for a public client, around a real code of the provider's ({@link PublicClientCodes}).
 */
class PublicClientRefreshTest {

    private static final String CLIENT_ID = PublicClientCodes.CLIENT_ID;
    private static final String SCOPE = "workflows:read logs:read";

    /** A 2-second replay window the test moves past with the clock; a table DynamoDB Local answers in time under load. */
    @RegisterExtension
    static final Gates gates = Gates.withSignInPage()
            .with("actiongate.oauth.replay-window", "2s")
            .with("actiongate.test.clock", "mutable")
            .with("actiongate.usage.call-timeout", "2s");

    private final TestIdentityProvider idp = gates.provider();

    static Stream<Arguments> both() {
        return gates.both();
    }

    static Stream<Arguments> transportsAndTroubles() {
        return Stream.of("HTTP", "Lambda").flatMap(transport -> Stream.of("unreachable", "slow").map(trouble -> Arguments.of(transport, trouble)));
    }

    /** Each test starts on the real time, and with nothing the provider was sent before. */
    @BeforeEach
    void now() {
        clock(gates.http()).set(Instant.now());
        clock(gates.lambda()).set(Instant.now());
        while (nextProviderRequest(10) != null) {
            // drained
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aCodeGivesThePublicClientTheBridgesRefreshTokenNotTheProviders(String name, Transport gate) throws SealException {
        Map<String, Object> tokens = signIn(gate, "amber@example.com").ok();

        String refreshToken = (String) tokens.get("refresh_token");
        BridgeRefreshToken sealed = sealer(gate).unseal(Sealer.Purpose.REFRESH_TOKEN, refreshToken, BridgeRefreshToken.class);
        assertEquals(List.of(CLIENT_ID, SCOPE, 1L), List.of(sealed.clientId(), sealed.scope(), sealed.generation()));
        assertNotEquals(sealed.upstreamRefreshToken(), refreshToken, "the provider's refresh token is not handed out");
        assertEquals(200, gate.get("/api/me", Map.of("authorization", "Bearer " + tokens.get("access_token"))).status());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void eachRefreshAnswersANewRefreshTokenThatWorksInTurn(String name, Transport gate) {
        String first = (String) signIn(gate, "bruno@example.com").ok().get("refresh_token");

        Map<String, Object> once = refresh(gate, first).ok();
        String second = (String) once.get("refresh_token");
        Map<String, Object> twice = refresh(gate, second).ok();

        assertNotEquals(first, second, "rotated");
        assertNotEquals(second, twice.get("refresh_token"), "rotated again");
        assertEquals(SCOPE, twice.get("scope"));
        assertEquals(200, gate.get("/api/me", Map.of("authorization", "Bearer " + twice.get("access_token"))).status());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theSameRefreshTokenTwiceWithinTheWindowGetsTheSameAnswerAndTheSignInLives(String name, Transport gate) {
        String first = (String) signIn(gate, "carla@example.com").ok().get("refresh_token");

        Transport.Answer once = refresh(gate, first);
        Transport.Answer again = refresh(gate, first);

        assertEquals(200, once.status(), once.body());
        assertEquals(List.of(200, once.body()), List.of(again.status(), again.body()), "the first answer again");
        assertEquals(200, refresh(gate, (String) ChatGptAndBrowser.json(once).get("refresh_token")).status(), "the family was not revoked");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void anOlderRefreshTokenAfterTheWindowEndsTheSignInHereAndAtTheProvider(String name, Transport gate) throws SealException {
        String first = (String) signIn(gate, "dmitri@example.com").ok().get("refresh_token");
        String second = (String) refresh(gate, first).ok().get("refresh_token");
        String firstUpstream = sealer(gate).unseal(Sealer.Purpose.REFRESH_TOKEN, first, BridgeRefreshToken.class).upstreamRefreshToken();
        forgetProviderRequests();

        clock(gate).set(clock(gate).instant().plusMillis(2_100));
        Transport.Answer reused = refresh(gate, first);

        assertOAuthError(reused, 400, "invalid_grant", "already used");
        assertOAuthError(refresh(gate, second), 400, "invalid_grant", "ended");
        List<String> revocations = revocationRequests();
        assertEquals(1, revocations.size(), "one RFC 7009 revocation at the provider: " + revocations);
        assertTrue(revocations.getFirst().contains("token=" + URLEncoder.encode(firstUpstream, StandardCharsets.UTF_8)), "the provider's token the reused one wrapped");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aRefreshTokenPresentedByAnotherClientIsInvalidGrant(String name, Transport gate) {
        String refreshToken = (String) signIn(gate, "elif@example.com").ok().get("refresh_token");

        Transport.Answer answer = token(gate, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", "https://other-client.example/client.json"));

        assertOAuthError(answer, 400, "invalid_grant", "another client");
        assertEquals(200, refresh(gate, refreshToken).status(), "the rightful client still refreshes");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theProvidersOwnRefreshTokenPresentedByAPublicClientIsInvalidGrantAndNotSentUpstream(String name, Transport gate) {
        ChatGptAndBrowser chatGpt = new ChatGptAndBrowser(gate, idp);
        String gptRefreshToken = (String) ChatGptAndBrowser.json(chatGpt.redeemWithPost(
                chatGpt.signIn("farid@example.com", "workflows:read", "s").code())).get("refresh_token");

        assertOAuthError(refresh(gate, gptRefreshToken), 400, "invalid_grant", "not issued by ActionGate");
        assertEquals(200, chatGpt.refreshWithBasic(gptRefreshToken).status(), "the GPT's token was not spent at the provider");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void theGptPresentingAPublicClientsRefreshTokenIsInvalidGrant(String name, Transport gate) {
        String refreshToken = (String) signIn(gate, "gita@example.com").ok().get("refresh_token");

        assertOAuthError(new ChatGptAndBrowser(gate, idp).refreshWithBasic(refreshToken), 400, "invalid_grant", "another client");
        assertEquals(200, refresh(gate, refreshToken).status(), "the public client's sign-in is untouched");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aRefreshMayNarrowTheScopeButNotWidenItNorNameAnotherResource(String name, Transport gate) {
        String refreshToken = (String) signIn(gate, "ines@example.com").ok().get("refresh_token");

        Transport.Answer wider = token(gate, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", CLIENT_ID,
                "scope", "workflows:read workflows:trigger"));
        Transport.Answer elsewhere = token(gate, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", CLIENT_ID,
                "resource", "https://elsewhere.example/mcp"));
        Transport.Answer narrower = token(gate, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", CLIENT_ID,
                "scope", "workflows:read"));

        assertOAuthError(wider, 400, "invalid_scope", "scopes of the sign-in");
        assertOAuthError(elsewhere, 400, "invalid_target", "not this API");
        assertEquals("workflows:read", narrower.ok().get("scope"));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aRefreshTokenPastTheRefreshLifetimeIsInvalidGrant(String name, Transport gate) {
        String refreshToken = (String) signIn(gate, "jonas@example.com").ok().get("refresh_token");

        clock(gate).set(clock(gate).instant().plus(java.time.Duration.ofDays(30)).plusSeconds(1));

        assertOAuthError(refresh(gate, refreshToken), 400, "invalid_grant", "expired");
    }

    @ParameterizedTest(name = "{0}, table {1}")
    @MethodSource("transportsAndTroubles")
    void withTheTableOutOfReachAPublicRefreshIs503AndACodeGetsNoRefreshToken(String transport, String trouble) {
        String refreshToken;
        List<String> lines;
        try (DynamoDbProxy table = DynamoDbProxy.startingUp(); Transport gate = start(transport, table); CapturedOutput out = new CapturedOutput()) {
            refreshToken = (String) signIn(gate, "hugo@example.com").ok().get("refresh_token");

            if (trouble.equals("slow")) {
                table.slow();
            } else {
                table.unreachable();
            }

            assertOAuthError(refresh(gate, refreshToken), 503, "temporarily_unavailable", "cannot check this refresh token");
            assertOAuthError(refresh(gate, refreshToken), 503, "temporarily_unavailable", "cannot check this refresh token");
            assertTrue(context(gate).getBean(TableBreaker.class).isOpen(), "the second was answered without the table");
            Map<String, Object> signedIn = signIn(gate, "hugo@example.com").ok();
            assertTrue(signedIn.get("access_token") instanceof String, "the sign-in itself completes");
            assertNull(signedIn.get("refresh_token"), "no refresh token whose family the table does not know");
            lines = out.lines();
        }

        // The warnings name the kind of failure (the SDK exception's class), never the token or the table's key.
        List<String> refused = lines.stream().filter(line -> line.contains("refresh was refused: the refresh-token table cannot be reached")).toList();
        assertFalse(refused.isEmpty(), lines.toString());
        List<String> noFamily = lines.stream().filter(line -> line.contains("signed in without a refresh token")).toList();
        assertFalse(noFamily.isEmpty(), lines.toString());
        for (String line : java.util.stream.Stream.concat(refused.stream(), noFamily.stream()).toList()) {
            assertTrue(CapturedOutput.parse(line).get("message").toString().matches(".* \\((\\w+)\\)"), line);
        }
        for (String line : lines) {
            assertFalse(line.contains(refreshToken), "no refresh token in " + line);
        }
    }

    // --- helpers

    private Transport.Answer signIn(Transport gate, String person) {
        return PublicClientCodes.signIn(gate, idp, person, SCOPE);
    }

    private static Transport.Answer refresh(Transport gate, String refreshToken) {
        return PublicClientCodes.refresh(gate, refreshToken);
    }

    private static Transport.Answer token(Transport gate, Map<String, String> parameters) {
        return PublicClientCodes.token(gate, parameters);
    }

    private Transport start(String transport, DynamoDbProxy table) {
        Map<String, Object> settings = new LinkedHashMap<>(table.settings(idp.settings()));
        settings.put("actiongate.usage.call-timeout", "1s");
        settings.put("actiongate.usage.breaker-failures", "1");
        settings.put("actiongate.usage.breaker-cool-down", "1m");
        Function<Map<String, Object>, Transport> kind = transport.equals("HTTP") ? HttpTransport::new : LambdaTransport::new;
        return kind.apply(settings);
    }

    private static ApplicationContext context(Transport gate) {
        return PublicClientCodes.context(gate);
    }

    private static Sealer sealer(Transport gate) {
        return PublicClientCodes.sealer(gate);
    }

    private static MutableClock clock(Transport gate) {
        return context(gate).getBean(MutableClock.class);
    }

    /** The bodies of the RFC 7009 revocation requests the provider received since it was last drained. */
    private List<String> revocationRequests() {
        List<String> bodies = new ArrayList<>();
        for (RecordedRequest request = nextProviderRequest(200); request != null; request = nextProviderRequest(200)) {
            if ("POST".equals(request.getMethod()) && request.getPath() != null && request.getPath().endsWith("/revoke")) {
                bodies.add(request.getBody().readUtf8());
            }
        }
        return bodies;
    }

    private void forgetProviderRequests() {
        while (nextProviderRequest(10) != null) {
            // drained
        }
    }

    /** What the provider received next, or null when nothing more arrives within the time. */
    private RecordedRequest nextProviderRequest(long waitMs) {
        try {
            return idp.server().takeRequest(waitMs, TimeUnit.MILLISECONDS);
        } catch (RuntimeException nothingQueued) {
            return null;
        }
    }

    private static void assertOAuthError(Transport.Answer answer, int status, String error, String sentencePart) {
        assertEquals(status, answer.status(), answer.body());
        Map<String, Object> body = ChatGptAndBrowser.json(answer);
        assertEquals(error, body.get("error"), answer.body());
        assertTrue(String.valueOf(body.get("error_description")).contains(sentencePart), answer.body());
        assertEquals("no-store", answer.header("cache-control"));
    }
}
