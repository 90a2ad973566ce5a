package dev.actiongate.oauth;

import dev.actiongate.config.IdpSettings;
import dev.actiongate.config.OAuthSettings;
import dev.actiongate.oauth.sealing.StateKeyCrypto;
import dev.actiongate.store.ReplayStore;
import dev.actiongate.store.StoreUnavailableException;
import dev.actiongate.telemetry.SignInEvents;
import dev.actiongate.web.OAuthProblem;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Makes a repeated {@code /token} exchange harmless. The first request for a code or refresh token
 * claims it, in this instance's memory and in the replay store with a conditional write, and redeems it
 * upstream; a repeat within the window, by the same client for the same redirect_uri, gets the first
 * answer again (waiting for it if the first is still in flight); anything else is {@code invalid_grant}.
 * <p>
 * When the table cannot be reached (or the table's circuit breaker skips it), the
 * memory's claim is the claim: this instance still redeems each grant once and answers its repeats
 * from memory, for the same window. A grant this instance saw claimed in the table by another is never
 * redeemed here, even if the table then stops answering.
 * <p>
 * The claim's id is an HMAC of the grant and its answer is AES-GCM-encrypted under a key derived from
 * the grant itself, so the table alone yields no usable token; the memory keeps the same ciphertext.
 */
@Singleton
final class ReplayGuard {

    /** What a grant does once its window is over. */
    enum AfterWindow {
        /** A code is single-use: a later attempt is {@code invalid_grant}. */
        REFUSE,
        /** A refresh token may be used again later (providers that do not rotate them). */
        REDEEM_AGAIN
    }

    /** Redeems the grant upstream; called at most once per window. */
    @FunctionalInterface
    interface Redemption {
        TokenAnswer redeem() throws OAuthProblem;
    }

    /** What the store said about a claim: this instance may redeem (claimed there, or the store is out of reach), or another answered. */
    private record StorePart(boolean claimed, byte[] answeredElsewhere) {
        static final StorePart CLAIMED = new StorePart(true, null);
        static final StorePart UNAVAILABLE = new StorePart(false, null);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReplayGuard.class);
    /** How long a claim outlives its window and the code's expiry before the store may forget it. */
    private static final Duration KEPT_AFTER = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(50);

    private final ReplayStore store;
    private final StateKeyCrypto crypto;
    private final Duration window;
    private final Duration waitLimit;
    private final ObjectMapper json;
    private final Clock clock;
    private final SignInEvents events;
    private final ClaimMemory memory = new ClaimMemory();

    ReplayGuard(ReplayStore store, StateKeyCrypto crypto, OAuthSettings oauth, IdpSettings idp, ObjectMapper json, Clock clock, SignInEvents events) {
        this.events = events;
        this.store = store;
        this.crypto = crypto;
        this.window = oauth.replayWindow();
        this.waitLimit = idp.httpTimeout().plusSeconds(2);
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param grant    the code or refresh token
     * @param binding  what must be identical for a repeat to get the first answer (client, redirect_uri)
     * @param keepUntil how long the claim must outlive the window (a code's own expiry)
     */
    TokenAnswer exchange(Grant grant, String binding, AfterWindow afterWindow, Instant keepUntil, Redemption redemption)
            throws OAuthProblem {
        String id = id(grant);
        Instant deadline = clock.instant().plus(waitLimit);
        while (true) {
            Instant now = clock.instant();
            Instant windowEnd = now.plus(window);
            switch (memory.claim(id, now, windowEnd, later(windowEnd, keepUntil), afterWindow == AfterWindow.REDEEM_AGAIN)) {
                case ClaimMemory.Taken(ClaimMemory.Claim first) -> {
                    if (first.windowEnd().isBefore(now)) {
                        throw alreadyUsed();
                    }
                    Optional<byte[]> answer = await(first, deadline);
                    if (answer.isPresent()) {
                        TokenAnswer repeated = decrypt(grant, binding, answer.get());
                        events.replayServed(grantType(grant));
                        return repeated;
                    }
                    // the first attempt failed upstream and let go of its claim: claim it again
                }
                case ClaimMemory.Mine(ClaimMemory.Claim mine) -> {
                    return redeemOnce(grant, binding, afterWindow, keepUntil, redemption, id, mine, windowEnd, deadline);
                }
            }
        }
    }

    private TokenAnswer redeemOnce(Grant grant, String binding, AfterWindow afterWindow, Instant keepUntil, Redemption redemption,
                                   String id, ClaimMemory.Claim mine, Instant windowEnd, Instant deadline) throws OAuthProblem {
        Instant expiresAt = later(windowEnd, keepUntil).plus(KEPT_AFTER);
        boolean answered = false;
        try {
            StorePart stored = claimInStore(id, windowEnd, expiresAt, afterWindow, deadline);
            if (stored.answeredElsewhere() != null) {
                memory.answer(mine, stored.answeredElsewhere());
                answered = true;
                TokenAnswer first = decrypt(grant, binding, stored.answeredElsewhere());
                events.replayServed(grantType(grant));
                return first;
            }
            TokenAnswer answer;
            try {
                answer = redemption.redeem();
            } catch (OAuthProblem | RuntimeException e) {
                if (stored.claimed()) {
                    release(id);
                }
                throw e;
            }
            byte[] sealed = encrypt(grant, binding, answer);
            memory.answer(mine, sealed);
            answered = true;
            if (stored.claimed()) {
                remember(id, windowEnd, expiresAt, sealed);
            }
            return answer;
        } finally {
            if (!answered) {
                memory.letGo(id, mine);
            }
        }
    }

    /**
     * Claims the grant in the store, or waits there for the instance that holds it. Out of reach: this
     * instance's memory holds the claim alone, unless the store had already named another holder.
     */
    private StorePart claimInStore(String id, Instant windowEnd, Instant expiresAt, AfterWindow afterWindow, Instant deadline)
            throws OAuthProblem {
        boolean heldElsewhere = false;
        while (true) {
            Instant now = clock.instant();
            try {
                if (store.claim(id, now, windowEnd, expiresAt, afterWindow == AfterWindow.REDEEM_AGAIN)) {
                    return StorePart.CLAIMED;
                }
                heldElsewhere = true;
                Optional<ReplayStore.Replay> replay = store.read(id);
                if (replay.isEmpty()) {
                    continue; // the other attempt failed upstream and let go of its claim
                }
                if (replay.get().windowEnd().isBefore(clock.instant())) {
                    throw alreadyUsed();
                }
                if (replay.get().answered()) {
                    return new StorePart(false, replay.get().sealedAnswer());
                }
            } catch (StoreUnavailableException e) {
                if (!heldElsewhere) {
                    LOG.debug("Token replay claim held in this instance's memory only ({})", e.getMessage());
                    return StorePart.UNAVAILABLE;
                }
            }
            // Another instance holds it: redeeming here too would send the code upstream twice.
            if (clock.instant().isAfter(deadline)) {
                throw OAuthProblem.temporarilyUnavailable(504, "The first exchange of this code has not finished; try again.");
            }
            pause();
        }
    }

    private void remember(String id, Instant windowEnd, Instant expiresAt, byte[] answer) {
        try {
            store.remember(id, windowEnd, expiresAt, answer);
        } catch (StoreUnavailableException e) {
            LOG.debug("Token answer remembered for repeats in this instance's memory only ({})", e.getMessage());
        }
    }

    private void release(String id) {
        try {
            store.release(id);
        } catch (StoreUnavailableException e) {
            LOG.debug("Token exchange claim not released in the store ({})", e.getMessage());
        }
    }

    /** The grant_type a grant came with, as the metrics name it. */
    static String grantType(Grant grant) {
        return grant.kind() == Grant.Kind.CODE ? "authorization_code" : "refresh_token";
    }

    /** An HMAC of what identifies the grant (a code's bytes, a refresh token's text), one key per kind. */
    private String id(Grant grant) {
        return crypto.id(grant.kind() == Grant.Kind.CODE ? StateKeyCrypto.Purpose.REPLAY_CODE_ID : StateKeyCrypto.Purpose.REPLAY_ID,
                grant.identity());
    }

    private byte[] encrypt(Grant grant, String binding, TokenAnswer answer) {
        try {
            return StateKeyCrypto.encrypt(answerKey(grant), binding.getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(answer));
        } catch (IOException e) {
            throw new IllegalStateException("Token answer could not be encrypted", e);
        }
    }

    private TokenAnswer decrypt(Grant grant, String binding, byte[] stored) throws OAuthProblem {
        try {
            return json.readValue(StateKeyCrypto.decrypt(answerKey(grant), binding.getBytes(StandardCharsets.UTF_8), stored), TokenAnswer.class);
        } catch (GeneralSecurityException | IOException e) {
            // Another client or another redirect_uri presented the same grant.
            throw OAuthProblem.invalidGrant("This grant was already used by another client; start the sign-in again.");
        }
    }

    /** HKDF of the grant itself (salted with the state key): whoever holds only the store cannot decrypt. */
    private SecretKey answerKey(Grant grant) {
        return crypto.keyFrom(grant.value().getBytes(StandardCharsets.UTF_8), StateKeyCrypto.Purpose.REPLAY_ANSWER);
    }

    private static OAuthProblem alreadyUsed() {
        return OAuthProblem.invalidGrant("This code or refresh token has already been used; start the sign-in again.");
    }

    private Optional<byte[]> await(ClaimMemory.Claim first, Instant deadline) throws OAuthProblem {
        try {
            return first.await(Duration.between(clock.instant(), deadline));
        } catch (TimeoutException e) {
            throw OAuthProblem.temporarilyUnavailable(504, "The first exchange of this code has not finished; try again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OAuthProblem.temporarilyUnavailable(503, "The request was interrupted.");
        }
    }

    private static Instant later(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }

    private static void pause() throws OAuthProblem {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OAuthProblem.temporarilyUnavailable(503, "The request was interrupted.");
        }
    }
}
