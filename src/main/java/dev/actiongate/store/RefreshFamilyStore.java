package dev.actiongate.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The rotating refresh-token families of public clients: per family, only an HMAC of its current
 * generation and whether it was revoked, by an id that is an HMAC of the family's own id (the store never
 * sees a token, nor which generation is current). Every method may throw {@link StoreUnavailableException}.
 */
public interface RefreshFamilyStore {

    /** Starts a family at its first generation. */
    void start(String familyId, String generation, Instant expiresAt);

    /** The family as it stands, read consistently; empty when it never started or has expired. */
    Optional<Family> read(String familyId);

    /**
     * Moves the family to its next generation, and keeps it until {@code expiresAt}.
     *
     * @return false when {@code current} is no longer the family's generation, or the family was revoked
     */
    boolean advance(String familyId, String current, String next, Instant expiresAt);

    /** Marks the family revoked, kept until it would have expired; nothing when it is gone already. */
    void revoke(String familyId);

    /**
     * @param generation the HMAC of the current generation
     * @param expiresAt  when the family ends; the store may keep it a while longer (DynamoDB's TTL deletes late)
     */
    record Family(String generation, boolean revoked, Instant expiresAt) {
    }
}
