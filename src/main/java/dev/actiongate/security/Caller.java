package dev.actiongate.security;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Set;

/**
 * Who is calling an operation, whichever face the call came through: the token's subject and what it says
 * of the person, the API scopes it grants, the usage tier their quota comes from, and the face the call
 * came through (usage and the audit trail record it).
 *
 * @param scopes API scopes only (never the provider's own, such as {@code openid})
 */
public record Caller(String subject, @Nullable String email, @Nullable String name, @Nullable String issuer,
                     Set<String> scopes, @Nullable Instant expiresAt, String tier, Face face) {

    public boolean may(String scope) {
        return scopes.contains(scope);
    }

    /** With {@code admin}, a report covers everyone rather than the caller alone. */
    public boolean isAdmin() {
        return scopes.contains(Scopes.ADMIN);
    }
}
