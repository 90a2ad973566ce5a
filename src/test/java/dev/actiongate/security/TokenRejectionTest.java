package dev.actiongate.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.actiongate.testing.Gates;
import dev.actiongate.testing.RunningActionGate;
import dev.actiongate.testing.TestIdentityProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad token gets a 401 with an RFC 6750 challenge and a readable sentence; a missing scope a 403. */
class TokenRejectionTest {

    @RegisterExtension
    static final Gates gates = Gates.withProvider();

    private final TestIdentityProvider idp = gates.provider();
    private final RunningActionGate gate = gates.server();

    @Test
    void aValidTokenIsAccepted() {
        HttpResponse<String> response = gate.get("/api/me", "Bearer " + idp.sign(idp.validClaims("alice").build()));

        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void noToken() {
        assertInvalidToken(gate.get("/api/me"), "No bearer token was sent");
    }

    @Test
    void notTheBearerScheme() {
        assertInvalidToken(gate.get("/api/me", "Basic YWxpY2U6c2VjcmV0"), "does not use the Bearer scheme");
    }

    @Test
    void malformed() {
        assertInvalidToken(gate.get("/api/me", "Bearer this-is-not-a-jwt"), "not a well-formed JWT");
    }

    @Test
    void expired() {
        Instant longAgo = Instant.now().minusSeconds(3600);
        String token = idp.sign(idp.validClaims("alice").issueTime(Date.from(longAgo.minusSeconds(600)))
                .notBeforeTime(Date.from(longAgo.minusSeconds(600))).expirationTime(Date.from(longAgo)).build());

        assertInvalidToken(gate.get("/api/me", "Bearer " + token), "has expired");
    }

    @Test
    void expiredWithinTheClockSkewIsStillAccepted() {
        String token = idp.sign(idp.validClaims("alice").expirationTime(Date.from(Instant.now().minusSeconds(20))).build());

        assertEquals(200, gate.get("/api/me", "Bearer " + token).statusCode());
    }

    @Test
    void notYetValid() {
        String token = idp.sign(idp.validClaims("alice").notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build());

        assertInvalidToken(gate.get("/api/me", "Bearer " + token), "not valid yet");
    }

    @Test
    void wrongIssuer() {
        String token = idp.sign(idp.validClaims("alice").issuer("https://idp.attacker.example").build());

        assertInvalidToken(gate.get("/api/me", "Bearer " + token), "issuer this API does not trust");
    }

    @Test
    void wrongAudience() {
        String token = idp.sign(idp.validClaims("alice").audience(List.of("some-other-api")).build());

        assertInvalidToken(gate.get("/api/me", "Bearer " + token), "not issued for this API");
    }

    @Test
    void noExpiry() {
        String token = idp.sign(idp.validClaims("alice").expirationTime(null).build());

        assertInvalidToken(gate.get("/api/me", "Bearer " + token), "has no expiry time");
    }

    @Test
    void algNone() {
        String token = new PlainJWT(idp.validClaims("alice").build()).serialize();

        assertInvalidToken(gate.get("/api/me", "Bearer " + token), "not signed");
    }

    @Test
    void hs256SignedWithTheProvidersPublicKey() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(idp.currentKey().getKeyID()).build(),
                idp.validClaims("alice").build());
        jwt.sign(new MACSigner(idp.currentKey().toRSAPublicKey().getEncoded()));

        assertInvalidToken(gate.get("/api/me", "Bearer " + jwt.serialize()), "signature does not match");
    }

    @Test
    void unknownKeyId() {
        String token = TestIdentityProvider.sign(idp.validClaims("alice").build(), freshKey("kid-nobody-published"));

        assertInvalidToken(gate.get("/api/me", "Bearer " + token), "signature does not match");
    }

    @Test
    void signedByAForeignKeyUnderTheProvidersKeyId() {
        String token = TestIdentityProvider.sign(idp.validClaims("alice").build(), freshKey(idp.currentKey().getKeyID()));

        assertInvalidToken(gate.get("/api/me", "Bearer " + token), "signature does not match");
    }

    @Test
    void tamperedPayload() {
        String[] parts = idp.sign(idp.validClaims("alice").build()).split("\\.");
        JWTClaimsSet elevated = idp.validClaims("mallory").claim("scope", "workflows:trigger admin").build();
        String tampered = parts[0] + "." + Base64URL.encode(elevated.toString()) + "." + parts[2];

        assertInvalidToken(gate.get("/api/me", "Bearer " + tampered), "signature does not match");
    }

    @Test
    void missingScope() {
        String token = idp.accessToken("alice", "workflows:read");

        HttpResponse<String> response = gate.get("/api/test-scoped", "Bearer " + token);

        assertEquals(403, response.statusCode());
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"workflows:trigger\"",
                response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(response.body().contains("\"error\":\"insufficient_scope\""), response.body());
        assertTrue(response.body().contains("Ask an admin to grant workflows:trigger"), response.body());
    }

    @Test
    void theRightScopeOpensTheRoute() {
        String token = idp.accessToken("alice", "workflows:read workflows:trigger");

        HttpResponse<String> response = gate.get("/api/test-scoped", "Bearer " + token);

        assertEquals(200, response.statusCode());
        assertEquals("triggered", response.body());
    }

    @Test
    void scopesMayComeAsAnScpList() {
        String token = idp.sign(idp.validClaims("alice").claim("scope", null)
                .claim("scp", List.of("workflows:trigger")).build());

        assertEquals(200, gate.get("/api/test-scoped", "Bearer " + token).statusCode());
    }

    @Test
    void theBearerSchemeIsMatchedWithoutRegardToCase() {
        String token = idp.accessToken("alice", "");

        assertEquals(200, gate.get("/api/me", "bearer " + token).statusCode());
        assertEquals(200, gate.get("/api/me", "BEARER " + token).statusCode());
    }

    private static RSAKey freshKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertInvalidToken(HttpResponse<String> response, String reason) {
        assertEquals(401, response.statusCode(), response.body());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer error=\"invalid_token\", error_description=\""), challenge);
        assertTrue(challenge.contains(reason), challenge);
        assertTrue(response.body().contains("\"error\":\"invalid_token\""), response.body());
        assertTrue(response.body().contains(reason) && response.body().contains("Please sign in again."), response.body());
    }
}
