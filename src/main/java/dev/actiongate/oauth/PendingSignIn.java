package dev.actiongate.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What {@code /authorize} seals into the upstream {@code state} for {@code /oauth/callback}: the client's
 * checked request, our PKCE verifier for the provider, and the callback URL the provider was given.
 */
@Serdeable
// Serde leaves empty strings out by default, which would unseal "" as null.
@JsonInclude(JsonInclude.Include.NON_NULL)
record PendingSignIn(AuthorizationRequest request, String verifier, String callback) {
}
