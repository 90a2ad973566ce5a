package dev.actiongate.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The claims this instance has made (on codes, refresh tokens, callbacks), in its own memory. They are
 * taken before the table's, so one instance never redeems one grant twice whether or not the table
 * answers, and a repeat on the same instance waits for the first attempt here rather than by polling
 * the table; when the table cannot be reached they are the only claims there are. Bounded in number:
 * past {@link #CAPACITY}, expired claims go first, then the oldest. What a claim remembers is the same
 * AES-GCM ciphertext as the table item, so the heap holds nothing more usable than the table does.
 */
final class ClaimMemory {

    /** Far more sign-ins per window than one instance serves; a bound on the heap, not a limit anyone meets. */
    static final int CAPACITY = 4_096;

    /** One claim: pending until its holder answers or lets go. */
    static final class Claim {
        private final Instant windowEnd;
        private final Instant forgetAt;
        private final CompletableFuture<byte[]> answer = new CompletableFuture<>();

        private Claim(Instant windowEnd, Instant forgetAt) {
            this.windowEnd = windowEnd;
            this.forgetAt = forgetAt;
        }

        /** Until when a repeat gets the answer again. */
        Instant windowEnd() {
            return windowEnd;
        }

        /**
         * Waits for the holder's answer.
         *
         * @return the encrypted answer, or empty when the holder let go (its redemption failed)
         */
        Optional<byte[]> await(Duration limit) throws TimeoutException, InterruptedException {
            try {
                return Optional.ofNullable(answer.get(Math.max(0, limit.toMillis()), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** What {@link #claim} found. */
    sealed interface Outcome permits Mine, Taken {
    }

    /** The caller holds the claim now and must answer it or let go of it. */
    record Mine(Claim claim) implements Outcome {
    }

    /** Another request holds it (or held it, within its window). */
    record Taken(Claim claim) implements Outcome {
    }

    private final Map<String, Claim> claims = new LinkedHashMap<>();

    /**
     * @param reclaimAfterWindow whether a claim whose window is over may be taken again (a refresh token
     *                           of a provider that does not rotate them), or stays used until forgotten (a code)
     */
    synchronized Outcome claim(String id, Instant now, Instant windowEnd, Instant forgetAt, boolean reclaimAfterWindow) {
        Claim existing = claims.get(id);
        if (existing != null && existing.forgetAt.isAfter(now) && !(reclaimAfterWindow && existing.windowEnd.isBefore(now))) {
            return new Taken(existing);
        }
        if (existing == null && claims.size() >= CAPACITY) {
            makeRoom(now);
        }
        Claim mine = new Claim(windowEnd, forgetAt);
        claims.remove(id); // so that insertion order stays the order of age
        claims.put(id, mine);
        return new Mine(mine);
    }

    /** A claim with nothing to remember: true for the first caller, false for every repeat until it is forgotten. */
    boolean claimOnce(String id, Instant now, Instant forgetAt) {
        if (claim(id, now, forgetAt, forgetAt, false) instanceof Mine(Claim mine)) {
            mine.answer.complete(new byte[0]);
            return true;
        }
        return false;
    }

    /** The holder's answer, for every repeat until the window ends. */
    void answer(Claim claim, byte[] encrypted) {
        claim.answer.complete(encrypted);
    }

    /** The holder failed: whoever waits tries again, and so may the next request. */
    synchronized void letGo(String id, Claim claim) {
        claims.remove(id, claim);
        claim.answer.complete(null);
    }

    synchronized int size() {
        return claims.size();
    }

    private void makeRoom(Instant now) {
        claims.values().removeIf(claim -> !claim.forgetAt.isAfter(now));
        Iterator<Claim> oldest = claims.values().iterator();
        while (claims.size() >= CAPACITY && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
