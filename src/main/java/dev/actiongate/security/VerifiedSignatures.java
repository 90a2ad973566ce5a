package dev.actiongate.security;

import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature has already been verified. A GPT sends the same access token with every call
 * until it expires, and the RSA check is the largest single cost of a warm request, so a token is
 * checked once and then recognised by its exact text. An entry lasts until the token expires and at
 * most {@link #TIME_TO_LIVE}, less than the key set is cached, so a key withdrawn at the issuer stops
 * working no later than it would without this. Claims (exp, nbf, iss, aud) are still checked on every call.
 */
final class VerifiedSignatures {

    static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 4096;

    private final Map<String, Instant> verifiedUntil = new ConcurrentHashMap<>();
    private final Clock clock;

    VerifiedSignatures(Clock clock) {
        this.clock = clock;
    }

    boolean contains(SignedJWT jwt) {
        String token = jwt.getParsedString();
        if (token == null) {
            return false;
        }
        Instant until = verifiedUntil.get(token);
        if (until == null) {
            return false;
        }
        if (clock.instant().isBefore(until)) {
            return true;
        }
        verifiedUntil.remove(token, until);
        return false;
    }

    void remember(SignedJWT jwt) {
        String token = jwt.getParsedString();
        Date expires;
        try {
            expires = jwt.getJWTClaimsSet().getExpirationTime();
        } catch (ParseException e) {
            return;
        }
        if (token == null || expires == null) {
            return;
        }
        Instant until = min(expires.toInstant(), clock.instant().plus(TIME_TO_LIVE));
        if (verifiedUntil.size() >= MAX_ENTRIES) {
            // Simpler than an LRU and as good here: a busy function re-verifies each live token once.
            verifiedUntil.clear();
        }
        verifiedUntil.put(token, until);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
