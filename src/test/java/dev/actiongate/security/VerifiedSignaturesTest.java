package dev.actiongate.security;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.actiongate.testing.MutableClock;
import dev.actiongate.testing.TestIdentityProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedSignaturesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final MutableClock clock = new MutableClock();
    private final VerifiedSignatures verified = new VerifiedSignatures(clock);
    private final RSAKey key;

    VerifiedSignaturesTest() throws Exception {
        clock.set(NOW);
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    @Test
    void aVerifiedTokenIsRecognisedByItsExactTextOnly() throws Exception {
        String token = token(NOW.plus(Duration.ofHours(1)));
        verified.remember(SignedJWT.parse(token));

        assertTrue(verified.contains(SignedJWT.parse(token)));
        String[] parts = token.split("\\.");
        String otherPayload = token(NOW.plus(Duration.ofHours(2))).split("\\.")[1];
        assertFalse(verified.contains(SignedJWT.parse(parts[0] + "." + otherPayload + "." + parts[2])),
                "a payload swapped under a verified signature must be checked again");
        assertFalse(verified.contains(SignedJWT.parse(token(NOW.plus(Duration.ofHours(1)).plusSeconds(1)))));
    }

    @Test
    void anEntryEndsAfterFiveMinutesSoAWithdrawnKeyStopsWorkingAsWithoutIt() throws Exception {
        String token = token(NOW.plus(Duration.ofHours(1)));
        verified.remember(SignedJWT.parse(token));

        clock.set(NOW.plus(VerifiedSignatures.TIME_TO_LIVE).minusSeconds(1));
        assertTrue(verified.contains(SignedJWT.parse(token)));
        clock.set(NOW.plus(VerifiedSignatures.TIME_TO_LIVE));
        assertFalse(verified.contains(SignedJWT.parse(token)));
    }

    @Test
    void anEntryEndsWhenTheTokenExpires() throws Exception {
        String token = token(NOW.plus(Duration.ofMinutes(2)));
        verified.remember(SignedJWT.parse(token));

        clock.set(NOW.plus(Duration.ofMinutes(2)));
        assertFalse(verified.contains(SignedJWT.parse(token)));
    }

    @Test
    void aTokenWithoutExpiryIsNeverRemembered() throws Exception {
        String token = TestIdentityProvider.sign(new JWTClaimsSet.Builder().subject("someone").build(), key);
        verified.remember(SignedJWT.parse(token));

        assertFalse(verified.contains(SignedJWT.parse(token)));
    }

    private String token(Instant expires) {
        return TestIdentityProvider.sign(new JWTClaimsSet.Builder().subject("someone").issuer("https://idp.example")
                .expirationTime(Date.from(expires)).build(), key);
    }
}
