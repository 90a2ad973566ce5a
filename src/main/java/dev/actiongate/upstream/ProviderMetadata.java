package dev.actiongate.upstream;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What ActionGate needs to know about the upstream OpenID provider, from its discovery document
 * (OpenID Connect Discovery 1.0 §3) or from explicit settings.
 */
public record ProviderMetadata(String issuer, URI jwksUri, Optional<URI> authorizationEndpoint,
                               Optional<URI> tokenEndpoint, List<String> tokenEndpointAuthMethods,
                               boolean issParameterSupported, Optional<URI> revocationEndpoint) {

    /** What explicit settings say, when discovery is skipped: nothing beyond them. */
    static ProviderMetadata of(String issuer, URI jwksUri) {
        return new ProviderMetadata(issuer, jwksUri, Optional.empty(), Optional.empty(), List.of(), false, Optional.empty());
    }

    /** Explicit settings win over what discovery says. */
    ProviderMetadata overriddenBy(Optional<URI> jwks, Optional<URI> authorization, Optional<URI> token) {
        return new ProviderMetadata(issuer, jwks.orElse(jwksUri), authorization.or(() -> authorizationEndpoint),
                token.or(() -> tokenEndpoint), tokenEndpointAuthMethods, issParameterSupported, revocationEndpoint);
    }

    /** RFC 8414 §2: without a list, client_secret_basic is the default. */
    public boolean acceptsBasicClientAuthentication() {
        return tokenEndpointAuthMethods.isEmpty() || tokenEndpointAuthMethods.contains("client_secret_basic");
    }
}
