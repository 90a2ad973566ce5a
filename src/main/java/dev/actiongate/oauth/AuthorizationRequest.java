package dev.actiongate.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An {@code /authorize} request once it has been checked: the client and where it is sent back are known,
 * the scope is one the client may ask for, and the PKCE challenge and resource are well formed. It is
 * sealed into the consent page's ticket while a person decides, and into the upstream state after.
 *
 * @param state         the client's state, returned unchanged; absent only for a public client, whose PKCE
 *                      protects the redirect (OAuth 2.1 §7.5.1)
 * @param codeChallenge the client's PKCE S256 challenge; always present for a public client
 * @param resource      the RFC 8707 resource indicator as the client sent it, when it sent one
 */
@Serdeable
// Serde leaves empty strings out by default, which would unseal "" as null.
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthorizationRequest(String clientId, boolean publicClient, String redirectUri, @Nullable String state, String scope,
                                   @Nullable String codeChallenge, @Nullable String resource) {
}
