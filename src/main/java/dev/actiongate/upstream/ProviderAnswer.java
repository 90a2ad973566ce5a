package dev.actiongate.upstream;

import io.micronaut.core.annotation.Nullable;

import java.util.Optional;
import java.util.Set;

/** What the provider's token endpoint answered a code or a refresh token: tokens, or its refusal. */
public sealed interface ProviderAnswer {

    /**
     * RFC 6749 §5.1.
     *
     * @param expiresIn     seconds, from {@code expires_in} or else the access token's {@code exp}; null if neither says
     * @param refreshToken  the new refresh token, or null when the provider sent none
     * @param grantedScopes the provider's {@code scope} field, else the access token's {@code scope}/{@code scp}
     *                      claim, in the provider's spelling; empty when neither says
     */
    record Tokens(String accessToken, @Nullable Long expiresIn, @Nullable String refreshToken,
                  Optional<Set<String>> grantedScopes) implements ProviderAnswer {

        @Override
        public String toString() {
            return "Tokens[******]";
        }
    }

    /** RFC 6749 §5.2, status and code as the provider sent them (an unusable code is {@code invalid_grant}). */
    record Refused(int status, String error, String description) implements ProviderAnswer {
    }
}
