package dev.actiongate.upstream;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What ActionGate needs to know about the upstream OpenID provider, from its discovery document
 * (OpenID Connect Discovery 1.0 §3) or from explicit settings.
 */
public record ProviderMetadata(String issuer, URI jwksUri, Optional<URI> authorizationEndpoint,
                               Optional<URI> tokenEndpoint, List<String> tokenEndpointAuthMethods) {

    /** Explicit settings win over what discovery says. */
    ProviderMetadata overriddenBy(Optional<URI> jwks, Optional<URI> authorization, Optional<URI> token) {
        return new ProviderMetadata(issuer, jwks.orElse(jwksUri), authorization.or(() -> authorizationEndpoint),
                token.or(() -> tokenEndpoint), tokenEndpointAuthMethods);
    }

    /** RFC 8414 §2: without a list, client_secret_basic is the default. */
    public boolean acceptsBasicClientAuthentication() {
        return tokenEndpointAuthMethods.isEmpty() || tokenEndpointAuthMethods.contains("client_secret_basic");
    }
}
