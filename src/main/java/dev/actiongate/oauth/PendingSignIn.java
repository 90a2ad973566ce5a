package dev.actiongate.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What {@code /authorize} seals into the upstream {@code state} for {@code /oauth/callback}: the GPT's
 * request, our PKCE verifier for the provider, and the callback URL the provider was given.
 */
@Serdeable
// Serde leaves empty strings out by default, which would unseal "" as null.
@JsonInclude(JsonInclude.Include.NON_NULL)
record PendingSignIn(String clientId, String redirectUri, String state, String scope, String verifier,
                     String callback, @Nullable String codeChallenge) {
}
