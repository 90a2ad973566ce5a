package dev.actiongate.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.TestIdentityProvider;
import dev.actiongate.testing.Transport;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only access tokens open the API: an ID token of the same provider does not, even when its audience
 * (a client id) is the API's, as with the Descope and Cognito presets. Each case runs over HTTP on the
 * local server and through the Lambda handler, with the default token type and with RFC 9068's.
 */
class AccessTokensOnlyTest {

    private static final String ID_TOKEN = "The token is an ID token, not an access token";
    private static final String WRONG_TYPE = "The token's type (typ) is not that of an access token";

    @RegisterExtension
    static final Gates gates = Gates.withProvider();
    /** actiongate.idp.token-type=at+jwt, and only at_hash marks an ID token (Keycloak before 25 puts nonce in access tokens). */
    static final Gates rfc9068 = gates.sameProvider()
            .with("actiongate.idp.token-type", "at+jwt")
            .with("actiongate.idp.id-token-claims", "at_hash");

    private final TestIdentityProvider idp = gates.provider();

    static Stream<Arguments> both() {
        return gates.both();
    }

    static Stream<Arguments> rfc9068Gates() {
        return rfc9068.both();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aRealIdTokenOfTheProviderIsRefusedThoughItsAudienceIsTheApis(String name, Transport gate) throws ParseException {
        String idToken = idp.idToken(TestIdentityProvider.AUDIENCE, "n-0S6_WzA2Mj");
        JWTClaimsSet claims = SignedJWT.parse(idToken).getJWTClaimsSet();
        assertEquals(idp.issuer(), claims.getIssuer(), "the provider's own issuer");
        assertEquals(List.of(TestIdentityProvider.AUDIENCE), claims.getAudience(), "a client id that is the API's audience");

        assertRefused(me(gate, idToken), ID_TOKEN);
        assertEquals(200, me(gate, idp.accessToken("alice", "")).status(), "the same provider's access token opens the API");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("rfc9068Gates")
    void aRealIdTokenWithoutNonceIsRefusedByItsTypeWhenTheProviderIssuesRfc9068Tokens(String name, Transport gate) {
        String idToken = idp.idToken(TestIdentityProvider.AUDIENCE, null);

        assertRefused(me(gate, idToken), WRONG_TYPE);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("rfc9068Gates")
    void rfc9068AcceptsOnlyAtJwt(String name, Transport gate) {
        assertEquals(200, me(gate, idp.sign(idp.validClaims("alice").build(), "at+jwt")).status());
        assertEquals(200, me(gate, idp.sign(idp.validClaims("alice").build(), "application/at+jwt")).status());
        assertRefused(me(gate, idp.sign(idp.validClaims("alice").build(), "JWT")), WRONG_TYPE);
        assertRefused(me(gate, idp.sign(idp.validClaims("alice").build())), WRONG_TYPE);
        assertRefused(me(gate, idp.accessToken("alice", "")), WRONG_TYPE);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void byDefaultATokenWithoutTypOrWithJwtOrAtJwtIsAcceptedAndOtherTypesAreNot(String name, Transport gate) {
        assertNull(signedHeaderType(idp.sign(idp.validClaims("alice").build())));
        assertEquals(200, me(gate, idp.sign(idp.validClaims("alice").build())).status());
        assertEquals(200, me(gate, idp.sign(idp.validClaims("alice").build(), "JWT")).status());
        assertEquals(200, me(gate, idp.sign(idp.validClaims("alice").build(), "at+jwt")).status());
        assertEquals("JWT", signedHeaderType(idp.accessToken("alice", "")), "the provider's own access tokens say JWT");
        assertEquals(200, me(gate, idp.accessToken("alice", "")).status());
        // OpenID Connect Back-Channel Logout 1.0 §2.4: a logout token is signed by the provider too
        assertRefused(me(gate, idp.sign(idp.validClaims("alice").claim("events",
                Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of())).build(), "logout+jwt")), WRONG_TYPE);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aCognitoTokenIsAcceptedOnlyWhenItsTokenUseIsAccess(String name, Transport gate) {
        assertRefused(me(gate, idp.sign(idp.validClaims("alice").claim("token_use", "id").build())), ID_TOKEN);
        assertEquals(200, me(gate, idp.sign(idp.validClaims("alice").claim("token_use", "access").build())).status());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aKeycloakTokenWhoseTypClaimIsIdIsRefused(String name, Transport gate) {
        assertRefused(me(gate, idp.sign(idp.validClaims("alice").claim("typ", "ID").build(), "JWT")), ID_TOKEN);
        assertEquals(200, me(gate, idp.sign(idp.validClaims("alice").claim("typ", "Bearer").build(), "JWT")).status());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("both")
    void aTokenCarryingNonceOrAtHashIsRefused(String name, Transport gate) {
        assertRefused(me(gate, idp.sign(idp.validClaims("alice").claim("nonce", "n-0S6_WzA2Mj").build())), ID_TOKEN);
        assertRefused(me(gate, idp.sign(idp.validClaims("alice").claim("at_hash", "77QmUPtjPfzWtF2AnpK9RQ").build())), ID_TOKEN);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("rfc9068Gates")
    void idTokenClaimsNamesTheClaimsThatMarkAnIdToken(String name, Transport gate) {
        assertEquals(200, me(gate, idp.sign(idp.validClaims("alice").claim("nonce", "n-0S6_WzA2Mj").build(), "at+jwt")).status());
        assertRefused(me(gate, idp.sign(idp.validClaims("alice").claim("at_hash", "77QmUPtjPfzWtF2AnpK9RQ").build(), "at+jwt")), ID_TOKEN);
        assertRefused(me(gate, idp.sign(idp.validClaims("alice").claim("token_use", "id").build(), "at+jwt")), ID_TOKEN);
    }

    private static String signedHeaderType(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            return jwt.getHeader().getType() == null ? null : jwt.getHeader().getType().getType();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Transport.Answer me(Transport gate, String token) {
        return gate.get("/api/me", Map.of("authorization", "Bearer " + token));
    }

    private static void assertRefused(Transport.Answer answer, String description) {
        assertEquals(401, answer.status(), answer.body());
        assertEquals("Bearer error=\"invalid_token\", error_description=\"" + description + "\"", answer.header("www-authenticate"));
        assertTrue(answer.body().contains("\"error\":\"invalid_token\""), answer.body());
        assertTrue(answer.body().contains(description + ", so you are not signed in to ActionGate. Please sign in again."), answer.body());
    }
}
