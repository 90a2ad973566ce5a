package dev.actiongate.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The bridge's claims on codes and refresh tokens and the encrypted answers to their first exchange, by an
 * id that is an HMAC of the grant (the store never sees a grant). Every method may throw
 * {@link StoreUnavailableException}.
 */
public interface ReplayStore {

    /**
     * Claims a grant for its first exchange.
     *
     * @param reclaimAfterWindow whether a claim whose window has ended may be taken again (refresh tokens);
     *                           a code's claim never ends
     * @return false when someone else holds the claim
     */
    boolean claim(String id, Instant now, Instant windowEnd, Instant expiresAt, boolean reclaimAfterWindow);

    /** The claim as it stands, read consistently; empty when nobody holds it (any more). */
    Optional<Replay> read(String id);

    /** Keeps the first exchange's encrypted answer for repeats within the window. */
    void remember(String id, Instant windowEnd, Instant expiresAt, byte[] sealedAnswer);

    /** Lets go of a claim whose exchange failed, so that the next attempt may claim it. */
    void release(String id);

    /** @param sealedAnswer the first exchange's answer once it is known; null while it is under way */
    record Replay(Instant windowEnd, byte[] sealedAnswer) {
        public boolean answered() {
            return sealedAnswer != null;
        }
    }
}
