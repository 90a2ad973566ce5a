package dev.actiongate.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What {@code /oauth/callback} seals into the code handed to the client: the provider's code and what
 * {@code /token} needs to redeem it and to check that the same client, redirect_uri, PKCE verifier and
 * resource come with it.
 */
@Serdeable
// Serde leaves empty strings out by default, which would unseal "" as null.
@JsonInclude(JsonInclude.Include.NON_NULL)
record IssuedCode(AuthorizationRequest request, String upstreamCode, String verifier, String callback) {
}
