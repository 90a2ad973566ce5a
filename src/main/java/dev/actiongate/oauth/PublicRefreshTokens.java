package dev.actiongate.oauth;

import dev.actiongate.config.OAuthSettings;
import dev.actiongate.oauth.sealing.SealException;
import dev.actiongate.oauth.sealing.Sealer;
import dev.actiongate.oauth.sealing.StateKeyCrypto;
import dev.actiongate.security.Randomness;
import dev.actiongate.store.RefreshFamilyStore;
import dev.actiongate.store.StoreUnavailableException;
import dev.actiongate.upstream.ProviderAnswer;
import dev.actiongate.upstream.ProviderTokenEndpoint;
import dev.actiongate.web.OAuthProblem;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * The bridge's own rotating refresh tokens for public clients (OAuth 2.1 §4.3.1; the MCP specification's
 * "Token Handling"; RFC 9700 §4.14.2). A public client never sees the provider's refresh token: it gets a
 * sealed {@link BridgeRefreshToken} bound to its client id, and every refresh answers the next generation
 * of the token's family. The table holds per family only an HMAC of the current generation and a revoked
 * flag. An older generation presented again (after the replay window, within which {@link ReplayGuard}
 * answers a repeat with the first answer) means two parties hold one family: the family is revoked, here
 * and where the provider offers RFC 7009 revocation, and the person signs in again.
 * <p>
 * When the table cannot be reached, a refresh fails closed ({@code temporarily_unavailable}): without it
 * the bridge cannot tell the current generation from a stolen older one. A code redeemed meanwhile
 * answers its access token without a refresh token (RFC 6749 §5.1 makes it optional), rather than a token
 * whose family was never recorded.
 */
@Singleton
final class PublicRefreshTokens {

    private static final Logger LOG = LoggerFactory.getLogger(PublicRefreshTokens.class);
    private static final int FAMILY_ID_BYTES = 16;

    private final Sealer sealer;
    private final StateKeyCrypto crypto;
    private final RefreshFamilyStore families;
    private final ProviderTokenEndpoint provider;
    private final OAuthSettings settings;
    private final Clock clock;

    PublicRefreshTokens(Sealer sealer, StateKeyCrypto crypto, RefreshFamilyStore families, ProviderTokenEndpoint provider,
                        OAuthSettings settings, Clock clock) {
        this.sealer = sealer;
        this.crypto = crypto;
        this.families = families;
        this.provider = provider;
        this.settings = settings;
        this.clock = clock;
    }

    /** Refreshes upstream with the provider's refresh token the bridge token wraps. */
    @FunctionalInterface
    interface UpstreamRefresh {
        ProviderAnswer refresh(String upstreamRefreshToken) throws OAuthProblem;
    }

    /**
     * The provider's answer to a public client's code, its refresh token replaced by the first generation of a
     * new family; none when the provider sent none, or when the family cannot be recorded.
     */
    ProviderAnswer issue(ProviderAnswer answer, AuthorizationRequest request) {
        if (!(answer instanceof ProviderAnswer.Tokens tokens) || tokens.refreshToken() == null) {
            return answer;
        }
        BridgeRefreshToken first = new BridgeRefreshToken(tokens.refreshToken(), request.clientId(), request.resource(), request.scope(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(Randomness.bytes(FAMILY_ID_BYTES)), 1);
        Instant expiresAt = expiry();
        String sealed;
        try {
            families.start(familyKey(first), generationId(first), expiresAt);
            sealed = sealer.seal(Sealer.Purpose.REFRESH_TOKEN, first, expiresAt);
        } catch (StoreUnavailableException e) {
            LOG.warn("A public client signed in without a refresh token: its family could not be recorded ({})", e.getMessage());
            sealed = null;
        }
        return withRefreshToken(tokens, sealed);
    }

    /**
     * The bridge refresh token a public client presents, if it is one and was issued to this client; else
     * {@code invalid_grant}. A provider's refresh token (the GPT's, say) is never sent upstream for a public client.
     */
    BridgeRefreshToken open(String presented, String clientId) throws OAuthProblem {
        BridgeRefreshToken token;
        try {
            token = sealer.unseal(Sealer.Purpose.REFRESH_TOKEN, presented, BridgeRefreshToken.class);
        } catch (SealException e) {
            throw OAuthProblem.invalidGrant(e.expired() ? "The refresh token has expired; sign in again."
                    : "The refresh token was not issued by ActionGate to this client; sign in again.");
        }
        // RFC 6749 §6 and OAuth 2.1 §4.3.1: a refresh token is bound to the client it was issued to.
        if (!MessageDigest.isEqual(token.clientId().getBytes(StandardCharsets.UTF_8), clientId.getBytes(StandardCharsets.UTF_8))) {
            throw OAuthProblem.invalidGrant("The refresh token was issued to another client.");
        }
        return token;
    }

    /** Whether a refresh token is one of these (valid or expired): the GPT, a confidential client, never holds one. */
    boolean isBridgeToken(String presented) {
        try {
            sealer.unseal(Sealer.Purpose.REFRESH_TOKEN, presented, BridgeRefreshToken.class);
            return true;
        } catch (SealException e) {
            return e.expired();
        }
    }

    /**
     * Refreshes with the family's current generation and answers the next one; an older generation, or a
     * revoked or ended family, is {@code invalid_grant}. Called by {@link ReplayGuard} at most once per
     * window for one presented token.
     */
    ProviderAnswer rotate(BridgeRefreshToken presented, UpstreamRefresh upstream) throws OAuthProblem {
        String family = familyKey(presented);
        String current = generationId(presented);
        RefreshFamilyStore.Family stored = read(family);
        if (stored == null || !stored.expiresAt().isAfter(clock.instant())) {
            throw OAuthProblem.invalidGrant("This refresh token's sign-in has ended; sign in again.");
        }
        if (stored.revoked()) {
            throw revoked();
        }
        if (!same(stored.generation(), current)) {
            revoke(family, presented.upstreamRefreshToken());
            throw reused();
        }
        ProviderAnswer answer = upstream.refresh(presented.upstreamRefreshToken());
        if (!(answer instanceof ProviderAnswer.Tokens tokens)) {
            return answer; // the provider's refusal, relayed; the family stays as it was
        }
        // A provider that sends no new refresh token keeps the one presented valid.
        BridgeRefreshToken next = presented.next(tokens.refreshToken() != null ? tokens.refreshToken() : presented.upstreamRefreshToken());
        Instant expiresAt = expiry();
        boolean advanced;
        try {
            advanced = families.advance(family, current, generationId(next), expiresAt);
        } catch (StoreUnavailableException e) {
            throw unavailable(e);
        }
        if (!advanced) {
            // Another redemption of this very generation won, outside the replay window's protection (an identical
            // repeat within it gets the first answer and never reaches here): two holders of one token, as reuse.
            revoke(family, next.upstreamRefreshToken());
            throw reused();
        }
        return withRefreshToken(tokens, sealer.seal(Sealer.Purpose.REFRESH_TOKEN, next, expiresAt));
    }

    private RefreshFamilyStore.Family read(String family) throws OAuthProblem {
        try {
            return families.read(family).orElse(null);
        } catch (StoreUnavailableException e) {
            throw unavailable(e);
        }
    }

    /** The family first, so that no token of it refreshes again even if the provider cannot be told. */
    private void revoke(String family, String upstreamRefreshToken) throws OAuthProblem {
        try {
            families.revoke(family);
        } catch (StoreUnavailableException e) {
            throw unavailable(e);
        }
        LOG.warn("A public client's refresh token was used again after it was rotated; its family is revoked");
        provider.revoke(upstreamRefreshToken);
    }

    private Instant expiry() {
        return clock.instant().plus(settings.refreshLifetime());
    }

    private String familyKey(BridgeRefreshToken token) {
        return crypto.id(StateKeyCrypto.Purpose.REFRESH_FAMILY_ID, token.familyId().getBytes(StandardCharsets.UTF_8));
    }

    /** Bound to the family, so that one generation's HMAC says nothing about another family's. */
    private String generationId(BridgeRefreshToken token) {
        return crypto.id(StateKeyCrypto.Purpose.REFRESH_GENERATION,
                (token.familyId() + "#" + token.generation()).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean same(String stored, String presented) {
        return MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static ProviderAnswer.Tokens withRefreshToken(ProviderAnswer.Tokens tokens, String refreshToken) {
        return new ProviderAnswer.Tokens(tokens.accessToken(), tokens.expiresIn(), refreshToken, tokens.grantedScopes());
    }

    private static OAuthProblem reused() {
        return OAuthProblem.invalidGrant("This refresh token was already used and replaced; for safety this sign-in has ended. Sign in again.");
    }

    private static OAuthProblem revoked() {
        return OAuthProblem.invalidGrant("This sign-in was ended because an older refresh token of it was used again; sign in again.");
    }

    private static OAuthProblem unavailable(StoreUnavailableException e) {
        LOG.warn("A public client's refresh was refused: the refresh-token table cannot be reached ({})", e.getMessage());
        return OAuthProblem.temporarilyUnavailable(503, "ActionGate cannot check this refresh token right now; try again in a minute.");
    }
}
