package dev.actiongate.oauth;

import dev.actiongate.config.OAuthSettings;
import dev.actiongate.oauth.sealing.SealException;
import dev.actiongate.oauth.sealing.Sealer;
import dev.actiongate.oauth.sealing.StateKeyCrypto;
import dev.actiongate.store.ClaimStore;
import dev.actiongate.store.StoreUnavailableException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Makes {@code /oauth/callback} single-use: one sealed state mints one code. The first callback for a
 * state claims it with a conditional write of {@code callback#<HMAC of the state>}, kept (TTL) until the
 * state has expired; a replay of the same callback URL finds the claim. This instance's memory holds
 * the claim too, and alone when the table cannot be reached. The HMAC covers the state's decoded bytes,
 * so another spelling of the same sealed value finds the same claim.
 */
@Singleton
final class CallbackClaims {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackClaims.class);

    private final ClaimStore store;
    private final StateKeyCrypto crypto;
    private final Duration signInTimeout;
    private final Clock clock;
    private final ClaimMemory memory = new ClaimMemory();

    CallbackClaims(ClaimStore store, StateKeyCrypto crypto, OAuthSettings oauth, Clock clock) {
        this.store = store;
        this.crypto = crypto;
        this.signInTimeout = oauth.signInTimeout();
        this.clock = clock;
    }

    /**
     * @param sealedState a state that unsealed (so it decodes) and has not expired
     * @return true the first time, false for every repeat while the state could still unseal
     */
    boolean firstUse(String sealedState) {
        Instant now = clock.instant();
        // The state was sealed at most sign-in-timeout ago, so its expiry is before this.
        Instant forgetAt = now.plus(signInTimeout);
        String id = id(sealedState);
        if (!memory.claimOnce(id, now, forgetAt)) {
            return false;
        }
        try {
            return store.claimOnce(id, forgetAt.plusSeconds(60));
        } catch (StoreUnavailableException e) {
            LOG.debug("Callback claim held in this instance's memory only ({})", e.getMessage());
            return true;
        }
    }

    private String id(String sealedState) {
        try {
            return crypto.id(StateKeyCrypto.Purpose.CALLBACK_ID, Sealer.bytes(sealedState));
        } catch (SealException e) {
            throw new IllegalArgumentException("only a state that unsealed can be claimed", e);
        }
    }
}
