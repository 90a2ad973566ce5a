package dev.actiongate.oauth;

import dev.actiongate.config.OAuthSettings;
import dev.actiongate.oauth.sealing.SealException;
import dev.actiongate.oauth.sealing.Sealer;
import dev.actiongate.oauth.sealing.StateKeyCrypto;
import dev.actiongate.security.Randomness;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The three cookies of the consent step. Each is {@code __Host-} (RFC 6265bis §4.1.3.2: Secure, Path=/, no
 * Domain, so no other host, subdomains included, can set or read it), HttpOnly, and holds nothing usable:
 * <ul>
 *   <li>{@value #NONCE}: a random nonce whose HMAC the consent page's ticket holds, so that only a POST from
 *       the browser that was shown the page counts (a login-CSRF or clickjacking page cannot supply it).
 *       SameSite=Strict: the POST comes from ActionGate's own page.</li>
 *   <li>{@value #SIGN_IN}: after Approve, an HMAC of the upstream state, which the callback of a public
 *       client's sign-in requires, so the provider's answer finishes the sign-in only in the browser that
 *       approved it. SameSite=Lax: the provider's redirect is a cross-site top-level navigation.</li>
 *   <li>{@value #REMEMBERED}: the consents a person asked to be remembered, sealed, at most
 *       {@value #MAX_REMEMBERED} clients (the oldest is dropped), so the cookie stays well under 1 KB.
 *       SameSite=Lax: {@code /authorize} is reached by a cross-site top-level navigation.</li>
 * </ul>
 * Browsers keep {@code Secure} cookies of {@code http://localhost} too, so the local run behaves the same.
 */
@Singleton
final class ConsentCookies {

    static final String NONCE = "__Host-actiongate-consent-nonce";
    static final String SIGN_IN = "__Host-actiongate-sign-in";
    static final String REMEMBERED = "__Host-actiongate-consent";
    static final int MAX_REMEMBERED = 8;
    /** How long the consent page may wait for an answer; the ticket expires with the nonce. */
    static final Duration PAGE_LIFETIME = Duration.ofMinutes(10);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** One remembered consent: a digest of what was consented to, and until when. */
    @Serdeable
    record Remembered(String key, long until) {
    }

    /** The cookie's sealed content. */
    @Serdeable
    record RememberedList(List<Remembered> consents) {
    }

    private final StateKeyCrypto crypto;
    private final Sealer sealer;
    private final OAuthSettings settings;
    private final Clock clock;

    ConsentCookies(StateKeyCrypto crypto, Sealer sealer, OAuthSettings settings, Clock clock) {
        this.crypto = crypto;
        this.sealer = sealer;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The browser's nonce: the one it already holds, so two consent pages open in two tabs both stay valid,
     * or a new one.
     */
    String nonce(HttpRequest<?> request) {
        return cookie(request, NONCE).filter(value -> value.length() == 43 && value.matches("[A-Za-z0-9_-]+"))
                .orElseGet(() -> BASE64URL.encodeToString(Randomness.bytes(32)));
    }

    Cookie nonceCookie(String nonce) {
        return hostCookie(NONCE, nonce, SameSite.Strict).maxAge(PAGE_LIFETIME);
    }

    /** What the ticket holds of the nonce: its HMAC, so the page's HTML never reveals the cookie's value. */
    String nonceId(String nonce) {
        return crypto.id(StateKeyCrypto.Purpose.CONSENT_NONCE, ("nonce\0" + nonce).getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether the request's nonce cookie is the one the ticket was made for. */
    boolean nonceMatches(HttpRequest<?> request, String nonceId) {
        return cookie(request, NONCE).map(this::nonceId)
                .map(id -> MessageDigest.isEqual(id.getBytes(StandardCharsets.US_ASCII), nonceId.getBytes(StandardCharsets.US_ASCII)))
                .orElse(false);
    }

    Cookie signInCookie(String sealedState) {
        return hostCookie(SIGN_IN, signInId(sealedState), SameSite.Lax).maxAge(settings.signInTimeout());
    }

    boolean signInApproved(HttpRequest<?> request, String sealedState) {
        byte[] expected = signInId(sealedState).getBytes(StandardCharsets.US_ASCII);
        return cookie(request, SIGN_IN).map(value -> MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII), expected))
                .orElse(false);
    }

    /** The callback's answer clears the sign-in cookie: it served its one sign-in. */
    Cookie clearedSignInCookie() {
        return hostCookie(SIGN_IN, "", SameSite.Lax).maxAge(0);
    }

    /** Whether the person asked, in this browser and within the lifetime, to skip the page for exactly this request. */
    boolean remembers(HttpRequest<?> request, AuthorizationRequest asked) {
        String key = rememberKey(asked);
        long now = clock.instant().getEpochSecond();
        return remembered(request).stream().anyMatch(consent -> consent.key().equals(key) && consent.until() > now);
    }

    /** The cookie with this request's consent added, expired ones gone and the oldest dropped past the bound. */
    Cookie remember(HttpRequest<?> request, AuthorizationRequest asked) {
        String key = rememberKey(asked);
        Instant now = clock.instant();
        Instant until = now.plus(settings.consentLifetime());
        List<Remembered> consents = new ArrayList<>(remembered(request).stream()
                .filter(consent -> consent.until() > now.getEpochSecond() && !consent.key().equals(key)).toList());
        consents.add(new Remembered(key, until.getEpochSecond()));
        consents.sort(Comparator.comparingLong(Remembered::until));
        while (consents.size() > MAX_REMEMBERED) {
            consents.removeFirst();
        }
        String sealed = sealer.seal(Sealer.Purpose.REMEMBERED_CONSENT, new RememberedList(consents), until);
        return hostCookie(REMEMBERED, sealed, SameSite.Lax).maxAge(settings.consentLifetime());
    }

    private List<Remembered> remembered(HttpRequest<?> request) {
        return cookie(request, REMEMBERED).flatMap(value -> {
            try {
                return Optional.ofNullable(sealer.unseal(Sealer.Purpose.REMEMBERED_CONSENT, value, RememberedList.class).consents());
            } catch (SealException e) {
                // Expired, or from another state key: as if nothing were remembered.
                return Optional.empty();
            }
        }).orElse(List.of());
    }

    /**
     * Client id, exact redirect URI, scopes (in any order) and resource: a consent covers nothing else. Only a
     * digest is kept, inside the sealed cookie.
     */
    private static String rememberKey(AuthorizationRequest asked) {
        String scopes = String.join(" ", new TreeSet<>(Arrays.asList(asked.scope().split(" "))));
        String key = String.join("\0", asked.clientId(), asked.redirectUri(), scopes, asked.resource() == null ? "" : asked.resource());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return BASE64URL.encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private String signInId(String sealedState) {
        return crypto.id(StateKeyCrypto.Purpose.CONSENT_NONCE, ("upstream-state\0" + sealedState).getBytes(StandardCharsets.US_ASCII));
    }

    private static Optional<String> cookie(HttpRequest<?> request, String name) {
        return request.getCookies().findCookie(name).map(Cookie::getValue).filter(value -> !value.isEmpty());
    }

    private static Cookie hostCookie(String name, String value, SameSite sameSite) {
        return Cookie.of(name, value).secure(true).httpOnly(true).path("/").sameSite(sameSite);
    }
}
