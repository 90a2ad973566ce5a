package dev.actiongate.store;

import java.time.Instant;

/** Single-use marks (a sign-in callback that may mint one code), by an HMAC id. May throw {@link StoreUnavailableException}. */
public interface ClaimStore {

    /** @return true the first time the id is claimed before {@code expiresAt}, false every time after */
    boolean claimOnce(String id, Instant expiresAt);
}
