package dev.actiongate.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What {@code /oauth/callback} seals into the code handed to the GPT: the provider's code and what
 * {@code /token} needs to redeem it and to check that the same client and redirect_uri present it.
 */
@Serdeable
// Serde leaves empty strings out by default, which would unseal "" as null.
@JsonInclude(JsonInclude.Include.NON_NULL)
record IssuedCode(String clientId, String redirectUri, String upstreamCode, String verifier, String callback,
                  String scope, @Nullable String codeChallenge) {
}
